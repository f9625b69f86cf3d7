package io.glassbox.kernel.cgroup;

/**
 * The result of handing a cgroup to a less privileged user.
 *
 * @param delegated the cgroup the user now owns: what a sandbox binds at its {@code /sys/fs/cgroup}
 * @param processes where the lab's processes live once it runs: the same cgroup on v1; on v2 the leaf
 *     {@code init} below it, because a v2 cgroup that enables controllers for its children may not hold
 *     processes itself
 * @param namespaceRoot where the launcher sits when it creates the lab's cgroup namespace, whose root that
 *     cgroup becomes (man 7 cgroup_namespaces). On v2 it must be {@code delegated}: with the cgroup2 mount
 *     option {@code nsdelegate} (systemd's default) the kernel refuses to move a process to a cgroup outside
 *     the mover's namespace root, so a root of {@code init} would keep the learner from using the cgroups
 *     they create beside it. {@link CgroupDriver#settle} then moves the lab from there into {@code processes}.
 */
public record Delegation(CgroupNode delegated, CgroupNode processes, CgroupNode namespaceRoot) {

    /** A delegation whose processes start where they stay (v1). */
    public Delegation(CgroupNode delegated, CgroupNode processes) {
        this(delegated, processes, processes);
    }
}
