package io.glassbox.sandbox;

import io.glassbox.host.NeighbourDump;
import io.glassbox.kernel.NamespaceId;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.mount.MountEntry;
import io.glassbox.kernel.mount.MountTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts, from outside, the neighbour entries a lab host holds: IPv4 (ARP) and IPv6 (NDP) entries of every
 * state, permanent ones included, and proxy entries, in every network namespace the lab's processes are in or
 * hold (by an nsfs bind mount such as {@code ip netns add} makes, or an open file descriptor). The kernel has no
 * per-namespace count or limit (see {@link NeighbourTable}), so this count is the lab's bound.
 *
 * <p>Each namespace is read with one rtnetlink dump, from a socket opened in that namespace by a thread of the
 * server that joins it for that moment ({@link NeighbourDump}): nothing of the lab's runs, and no process starts
 * (with {@code ip} it took five per namespace, a thousand per check with 200 lab hosts). Not seen: a network
 * namespace that only a socket or a process-less mount namespace keeps alive; the per-lab namespace limits keep
 * those few.
 */
public final class NeighbourCount {

    /**
     * Neighbour entries a lab host may hold in all its namespaces together: far more than a lesson makes (a
     * bridge with a few boxes needs a dozen), small enough that the largest class fits the machine's tables
     * ({@link NeighbourTable#makeRoom}); a lab host over it is ended by the session registry.
     */
    public static final int LAB_MAX = 256;

    private final ProcFs proc;

    public NeighbourCount(ProcFs proc) {
        this.proc = proc;
    }

    public static NeighbourCount system() {
        return new NeighbourCount(ProcFs.system());
    }

    /**
     * The entries, every state ("nud all": permanent, noarp, failed...) and proxy entries, in every network
     * namespace that {@code pids} (a lab host's processes) are in or hold; one gone meanwhile counts 0.
     */
    public long count(Collection<Long> pids) {
        return countEach(List.of(pids)).get(0);
    }

    /**
     * {@link #count} of each lab host's processes, in order, with one dump thread for them all (the periodic
     * check counts every lab host at once; a thread each would be 200 thread starts with 200 lab hosts).
     */
    public List<Long> countEach(List<? extends Collection<Long>> labs) {
        List<Path> namespaces = new ArrayList<>();
        int[] ends = new int[labs.size()];
        for (int i = 0; i < labs.size(); i++) {
            namespaces.addAll(networkNamespaces(labs.get(i)).values());
            ends[i] = namespaces.size();
        }
        List<Long> entries = namespaces.isEmpty() ? List.of() : NeighbourDump.count(namespaces);
        List<Long> counts = new ArrayList<>(labs.size());
        int start = 0;
        for (int end : ends) {
            counts.add(entries.subList(start, end).stream().mapToLong(n -> Math.max(n, 0)).sum());
            start = end;
        }
        return counts;
    }

    /** Each network namespace once (by inode), with a path that opens it from the machine. */
    Map<Long, Path> networkNamespaces(Collection<Long> pids) {
        Map<Long, Path> found = new LinkedHashMap<>();
        Set<Long> mountNamespaces = new HashSet<>();
        for (long pid : pids) {
            try {
                Path dir = proc.pidDir(pid);
                found.putIfAbsent(proc.namespace(pid, NamespaceType.NET).inode(), dir.resolve("ns/net"));
                if (mountNamespaces.add(proc.namespace(pid, NamespaceType.MNT).inode())) {
                    // /proc/<pid>/root/<mount point>: the path as that process's mount namespace resolves it.
                    heldByMounts(proc.mountInfo(pid)).forEach((inode, mountPoint) ->
                            found.putIfAbsent(inode, dir.resolve("root").resolve(mountPoint.substring(1))));
                }
                heldByDescriptors(dir.resolve("fd"), found);
            } catch (IOException | RuntimeException e) {
                // The process ended while we looked: what it held is gone with it or held by another.
            }
        }
        return found;
    }

    /** Network namespaces bind-mounted somewhere (fs type nsfs, root {@code net:[inode]}): inode to mount point. */
    static Map<Long, String> heldByMounts(MountTable mounts) {
        Map<Long, String> held = new LinkedHashMap<>();
        for (MountEntry mount : mounts.ofType("nsfs")) {
            if (mount.root().startsWith(NamespaceType.NET.procName() + ":[")) {
                held.putIfAbsent(NamespaceId.parse(mount.root()).inode(), mount.mountPoint());
            }
        }
        return held;
    }

    private static void heldByDescriptors(Path fdDir, Map<Long, Path> found) throws IOException {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(NamespaceType.NET.procName() + ":[")) {
                        found.putIfAbsent(NamespaceId.parse(target).inode(), fd);
                    }
                } catch (IOException e) {
                    // Closed while we looked.
                }
            }
        }
    }
}
