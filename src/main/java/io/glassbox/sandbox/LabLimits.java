package io.glassbox.sandbox;

import io.glassbox.kernel.KernelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many kernel objects of each counted kind a lab host may create in all, whatever uid it uses inside
 * (man 7 namespaces, "/proc/sys/user"). Each is a "ucount" limit of the user namespace just above the lab's
 * own (see {@link UserNamespaceHolder}), which the learner cannot raise: it belongs to the machine's root.
 *
 * <p>Namespaces first: a network namespace alone pins about 175 KiB of kernel memory that no memory cgroup
 * is charged for, so without a count a lab could hold thousands of them (bind-mounted, no process behind them)
 * at the machine's cost. Mounts second: a new superblock (each {@code mount -t tmpfs}) costs about 1.4 KiB
 * that is not charged either, so mounts are bounded per mount namespace by the machine-wide
 * {@code fs.mount-max}, which only the machine's root can change. Everything else a learner can create in
 * numbers (bind mounts, inotify watches, epoll items, veths, iptables rules, tmpfs pages) is charged to the
 * lab's memory cgroup and so stays within its cap.
 *
 * @param namespaces namespaces of each type (user, mount, PID, network, UTS, IPC, cgroup, time), the lab
 *     host's own included
 * @param mountsPerNamespace the {@code fs.mount-max} the server lowers the machine to at start (a lab's own
 *     namespace has about 35 mounts); 0 leaves the machine's value alone
 */
public record LabLimits(int namespaces, int mountsPerNamespace) {

    /** inotify instances: the kernel's own default per user, here per lab. */
    static final int INOTIFY_INSTANCES = 128;
    /** inotify watches: 540 bytes each, memory-cgroup charged; a count on top keeps the machine's share small. */
    static final int INOTIFY_WATCHES = 65_536;
    /** fanotify groups and marks (fanotify needs CAP_SYS_ADMIN of the machine for most uses anyway). */
    static final int FANOTIFY_GROUPS = 16;
    static final int FANOTIFY_MARKS = 8_192;

    private static final String[] NAMESPACE_TYPES = {"user", "mnt", "pid", "net", "uts", "ipc", "cgroup", "time"};

    public LabLimits {
        if (namespaces < 8) {
            throw new IllegalArgumentException("a lab host needs at least 8 namespaces of each type, got " + namespaces);
        }
        if (mountsPerNamespace != 0 && mountsPerNamespace < 256) {
            throw new IllegalArgumentException("a mount namespace needs at least 256 mounts (or 0 to leave the "
                    + "machine's fs.mount-max), got " + mountsPerNamespace);
        }
    }

    /**
     * Lowers the machine's {@code fs.mount-max} (at {@code file}) to {@link #mountsPerNamespace} if it is
     * higher; never raises it.
     *
     * @return what was done, for the start-up log
     */
    public String applyMountMax(Path file) throws IOException {
        // KernelFiles: the JDK's Files.readString returns one byte of a /proc/sys file.
        long current = Long.parseLong(KernelFiles.read(file).trim());
        if (mountsPerNamespace == 0 || current <= mountsPerNamespace) {
            return "fs.mount-max stays " + current;
        }
        Files.writeString(file, mountsPerNamespace + "\n");
        return "fs.mount-max lowered from " + current + " to " + mountsPerNamespace
                + " (mounts per mount namespace, machine-wide)";
    }

    /** The {@code /proc/sys/user} file names and their values, in writing order. */
    Map<String, Integer> userSysctls() {
        Map<String, Integer> sysctls = new LinkedHashMap<>();
        for (String type : NAMESPACE_TYPES) {
            sysctls.put("max_" + type + "_namespaces", namespaces);
        }
        sysctls.put("max_inotify_instances", INOTIFY_INSTANCES);
        sysctls.put("max_inotify_watches", INOTIFY_WATCHES);
        sysctls.put("max_fanotify_groups", FANOTIFY_GROUPS);
        sysctls.put("max_fanotify_marks", FANOTIFY_MARKS);
        return sysctls;
    }
}
