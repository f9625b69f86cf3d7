package io.glassbox.sandbox;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.NamespaceId;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.mount.MountEntry;
import io.glassbox.kernel.mount.MountTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * <p>Each namespace is read by the machine's own {@code ip} in that network namespace only ({@code nsenter
 * --net}, man 1 nsenter): the machine's binaries and filesystem, nothing of the lab's runs. Not seen: a network
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

    /** Counts every state ("nud all": permanent, noarp, failed...) and the proxy entries, as one number. */
    private static final String COUNT_SCRIPT =
            "{ ip -o neigh show nud all && ip -o neigh show proxy; } | wc -l";

    private final ProcFs proc;
    private final CommandRunner commands;

    public NeighbourCount(ProcFs proc, CommandRunner commands) {
        this.proc = proc;
        this.commands = commands;
    }

    public static NeighbourCount system() {
        return new NeighbourCount(ProcFs.system(), new CommandRunner(Duration.ofSeconds(10)));
    }

    /** The entries in every network namespace that {@code pids} (a lab host's processes) are in or hold. */
    public long count(Collection<Long> pids) {
        long total = 0;
        for (Path namespace : networkNamespaces(pids).values()) {
            total += countIn(namespace);
        }
        return total;
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

    /** Entries in the network namespace at {@code namespace}; 0 if it is gone or cannot be read. */
    long countIn(Path namespace) {
        CommandResult result = commands.run(List.of("nsenter", "--net=" + namespace, "--", "/bin/sh", "-c", COUNT_SCRIPT));
        return result.succeeded() ? parseCount(result.stdout()) : 0;
    }

    static long parseCount(String wcOutput) {
        String text = wcOutput.strip();
        return text.matches("\\d+") ? Long.parseLong(text) : 0;
    }
}
