/**
 * cgroup v2: one tree for every controller (kernel Documentation/admin-guide/cgroup-v2.rst). A parent decides
 * in {@code cgroup.subtree_control} which controllers its children get, only leaves hold processes once
 * controllers are enabled, and files share one style: {@code memory.max}, {@code pids.max}, {@code cpu.max},
 * "max" for no limit, flat "key value" files for events and statistics. Each class here translates one
 * controller; {@link io.glassbox.kernel.cgroup.v2.CgroupV2Driver} adds creation and delegation.
 */
package io.glassbox.kernel.cgroup.v2;
