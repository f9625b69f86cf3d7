package io.glassbox.kernel.cgroup;

/**
 * The result of handing a cgroup to a less privileged user.
 *
 * @param delegated the cgroup the user now owns: what a sandbox binds at its {@code /sys/fs/cgroup}
 * @param processes where the lab's processes go: the same cgroup on v1; on v2 the leaf {@code init} below it,
 *     because a v2 cgroup that enables controllers for its children may not hold processes itself
 */
public record Delegation(CgroupNode delegated, CgroupNode processes) {
}
