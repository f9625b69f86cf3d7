/**
 * cgroup v1: one tree per controller. The memory limit lives in
 * {@code /sys/fs/cgroup/memory/<cgroup>/memory.limit_in_bytes}, the task limit in
 * {@code /sys/fs/cgroup/pids/<cgroup>/pids.max}, and a process can sit at different places in different trees.
 * Each class here translates one controller's files (kernel Documentation/admin-guide/cgroup-v1/) into the
 * limits of {@link io.glassbox.kernel.cgroup}; {@link io.glassbox.kernel.cgroup.v1.CgroupV1Driver} ties them
 * to the hierarchies found in the mount table.
 */
package io.glassbox.kernel.cgroup.v1;
