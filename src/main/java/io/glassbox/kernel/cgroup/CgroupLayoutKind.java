package io.glassbox.kernel.cgroup;

/** How a machine mounts its cgroups; the names follow systemd's (legacy, hybrid, unified). */
public enum CgroupLayoutKind {
    /** Only v1 hierarchies are mounted. */
    LEGACY,
    /** v1 hierarchies plus a cgroup2 mount that holds no or only some controllers (often /sys/fs/cgroup/unified). */
    HYBRID,
    /** Only cgroup2 is mounted: every controller lives in the one tree. */
    UNIFIED
}
