package io.glassbox.kernel.cgroup;

/**
 * The resource controllers Glassbox manages. On v1 each is a hierarchy named after it; on v2 memory, pids and
 * cpu must be listed in {@code cgroup.controllers}, while cpu accounting ({@code cpu.stat}'s {@code usage_usec})
 * and freezing ({@code cgroup.freeze}) are core files every non-root cgroup has (cgroup-v2.rst, "Core Interface
 * Files").
 */
public enum Controller {
    MEMORY("memory", false),
    PIDS("pids", false),
    CPU("cpu", false),
    CPUACCT("cpuacct", true),
    FREEZER("freezer", true);

    private final String v1Name;
    private final boolean coreOnV2;

    Controller(String v1Name, boolean coreOnV2) {
        this.v1Name = v1Name;
        this.coreOnV2 = coreOnV2;
    }

    /** The controller's name in a v1 mount's options and in {@code /proc/<pid>/cgroup}; also its v2 name. */
    public String v1Name() {
        return v1Name;
    }

    /** True when cgroup v2 provides this through core files, so it needs no entry in {@code cgroup.controllers}. */
    public boolean coreOnV2() {
        return coreOnV2;
    }
}
