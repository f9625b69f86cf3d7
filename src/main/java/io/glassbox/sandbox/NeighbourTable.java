package io.glassbox.sandbox;

import io.glassbox.kernel.KernelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's neighbour tables (ARP for IPv4, NDP for IPv6), as the initial network namespace sees them.
 *
 * <p>Linux keeps ONE table per family for every network namespace (net/core/neighbour.c, {@code arp_tbl} and
 * {@code nd_tbl}): a lab host's entries sit in the same table as the machine's own. The garbage-collection
 * thresholds are the table's, so machine-wide (man 7 arp, gc_thresh1..3; writable only from the initial
 * namespace: {@code neightbl_set} refuses others, and on 6.x the {@code neigh/default} sysctls do not exist
 * elsewhere). When gc_thresh3 non-permanent entries exist, {@code neigh_alloc} fails ("neighbor table
 * overflow") unless forced garbage collection frees one, and that frees only entries not updated for 5 s: a lab
 * that keeps 1,024 fresh entries would stop the machine from resolving a new neighbour. Entries are allocated
 * GFP_ATOMIC without __GFP_ACCOUNT, so no memory cgroup pays for them (measured: 538 B of unreclaimable slab
 * each), and permanent entries are never counted against the thresholds at all.
 *
 * <p>Nothing in the kernel counts entries per namespace, so the server bounds each lab by counting
 * ({@link NeighbourCount}) and, here, makes room so that every lab at its limit together with the machine's own
 * share (the kernel's defaults, 512 and 1,024) stays below the thresholds.
 */
public final class NeighbourTable {

    /** The kernel's defaults: what the machine itself is given before any lab's share. */
    static final int HOST_THRESH2 = 512;
    static final int HOST_THRESH3 = 1024;
    private static final List<String> FAMILIES = List.of("ipv4", "ipv6");

    private final Path proc;

    public NeighbourTable(Path procRoot) {
        this.proc = procRoot;
    }

    public static NeighbourTable system() {
        return new NeighbourTable(Path.of("/proc"));
    }

    /**
     * Entries in both tables, every namespace's, permanent ones included: the {@code entries} column of
     * {@code /proc/net/stat/arp_cache} and {@code ndisc_cache} (0 for a family the machine does not have).
     */
    public long entries() {
        long total = 0;
        for (String file : List.of("arp_cache", "ndisc_cache")) {
            Path stat = proc.resolve("net/stat").resolve(file);
            try {
                total += Files.isReadable(stat) ? parseEntries(KernelFiles.read(stat)) : 0;
            } catch (IOException e) {
                // Unreadable stats must not stop the count of labs: the per-lab count still runs.
            }
        }
        return total;
    }

    /**
     * The {@code entries} column of a {@code /proc/net/stat/*_cache} file: a header line, then one line per
     * CPU whose first field, in hex, is the table's whole count ({@code tbl->entries}, the same on every line).
     */
    static long parseEntries(String statFile) {
        String[] lines = statFile.strip().split("\n");
        if (lines.length < 2 || !lines[0].trim().startsWith("entries")) {
            throw new IllegalArgumentException("not a neighbour cache statistics file: " + lines[0]);
        }
        return Long.parseLong(lines[1].trim().split("\\s+")[0], 16);
    }

    /**
     * Raises gc_thresh2 and gc_thresh3 of both families, where lower, so that {@code labs} lab hosts holding
     * {@code perLab} entries each fit beside the machine's own share: forced garbage collection (which may evict
     * the machine's own entries) starts above gc_thresh2, refusals at gc_thresh3. Never lowers a value someone
     * set higher, and is not undone at shutdown (another server may be relying on the room; a larger table
     * costs nothing until used). Answers what it changed, one "key: old -> new" each.
     *
     * @throws IOException if a threshold that needs raising cannot be written
     */
    public List<String> makeRoom(int labs, int perLab) throws IOException {
        long share = (long) labs * perLab;
        List<String> changed = new ArrayList<>();
        for (String family : FAMILIES) {
            Path dir = proc.resolve("sys/net").resolve(family).resolve("neigh/default");
            if (!Files.isDirectory(dir)) {
                continue; // IPv6 disabled: no table to share.
            }
            // gc_thresh3 first, so gc_thresh2 never exceeds it even for a moment.
            raise(dir.resolve("gc_thresh3"), HOST_THRESH3 + share, family, changed);
            raise(dir.resolve("gc_thresh2"), HOST_THRESH2 + share, family, changed);
        }
        return changed;
    }

    private static void raise(Path file, long wanted, String family, List<String> changed) throws IOException {
        long current = Long.parseLong(KernelFiles.read(file).trim());
        if (current < wanted) {
            Files.writeString(file, wanted + "\n");
            changed.add("net." + family + ".neigh.default." + file.getFileName() + ": " + current + " -> " + wanted);
        }
    }
}
