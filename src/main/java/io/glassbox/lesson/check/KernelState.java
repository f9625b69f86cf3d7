package io.glassbox.lesson.check;

import java.util.List;

/**
 * What the lesson page's live panel shows about one process: which of its namespaces are the lab host's,
 * its hostname and pid as it sees them, its root filesystem, its memory cgroup and its network interfaces.
 * Plain records, so Jackson writes them as JSON as they are. A part that could not be read is null.
 *
 * @param target how the process is named ("the shell")
 * @param pid its pid on the machine
 * @param pidInNamespace its pid in its own PID namespace (1 for a container's init)
 */
public record KernelState(String target, long pid, Long pidInNamespace, List<Namespace> namespaces,
        String hostname, RootFilesystem root, Memory memory, List<Interface> interfaces) {

    /**
     * One namespace type.
     *
     * @param type as in /proc/pid/ns: uts, pid, mnt, net, ipc, user, cgroup, time
     * @param shared whether the target is in the lab host's namespace of this type
     * @param id the target's, e.g. {@code uts:[4026532555]}
     * @param labHostId the lab host's
     */
    public record Namespace(String type, boolean shared, String id, String labHostId) {
    }

    /**
     * The mount at the target's "/".
     *
     * @param root the directory of the filesystem mounted there ("/" or, for a bind, e.g. "/tmp/rootfs")
     * @param lowerLayers for an overlay, how many lower directories; otherwise null
     * @param jail the target's root in its mount namespace: "/" unless it is in a chroot
     */
    public record RootFilesystem(String fsType, String source, String root, Integer lowerLayers, String jail) {
    }

    /**
     * The memory cgroup the target is in.
     *
     * @param cgroup as the lab host shows it, e.g. "the cgroup /sys/fs/cgroup/memory/box1"
     * @param limitBytes null when unlimited
     */
    public record Memory(String cgroup, Long limitBytes, long usageBytes) {
    }

    /** A network interface of the target's network namespace. */
    public record Interface(String name, String kind, boolean up, List<String> addresses) {
    }
}
