/**
 * Control groups: what a group of processes may use (man 7 cgroups).
 *
 * <p>A cgroup is a directory in a special filesystem. Every process sits in exactly one cgroup per hierarchy,
 * listed in {@code /proc/<pid>/cgroup}; moving a process means writing its pid into another directory's
 * {@code cgroup.procs}, and setting a limit means writing a number into a file such as {@code pids.max}.
 * Children inherit the limits of their parents: a cgroup can never use more than any of its ancestors allow.
 *
 * <p>There are two versions. In <b>cgroup v1</b> each controller (memory, pids, cpu, freezer, ...) is its own
 * tree, mounted separately (usually {@code /sys/fs/cgroup/memory}, {@code /sys/fs/cgroup/pids}, ...), so one
 * process can sit at different places in different trees and the file names differ per controller
 * ({@code memory.limit_in_bytes}). In <b>cgroup v2</b> there is a single tree ({@code /sys/fs/cgroup});
 * a parent lists in {@code cgroup.subtree_control} which controllers its children get, only leaves may hold
 * processes (the "no internal processes" rule), and the files share one style ({@code memory.max},
 * {@code pids.max}, "max" meaning unlimited). Many machines run a <i>hybrid</i> layout: v1 controllers plus
 * an empty v2 tree at {@code /sys/fs/cgroup/unified} that systemd uses only to track processes.
 *
 * <p><b>Delegation</b> hands a subtree to a less privileged user: the parent keeps the caps (the owner of a
 * directory cannot raise the limits written in its parent), and the delegate may create child cgroups and move
 * its own processes between them. On v1 that is a {@code chown -R} of the directory; on v2 the directory and
 * its {@code cgroup.procs}, {@code cgroup.subtree_control} and {@code cgroup.threads} change owner, and the
 * delegate's processes live in a leaf below it (man 7 cgroups, "Cgroup delegation"; kernel
 * Documentation/admin-guide/cgroup-v2.rst, "Delegation"). Where cgroup2 is mounted with {@code nsdelegate}
 * (systemd's default), a cgroup namespace is a delegation boundary too: a process inside may only move
 * processes between cgroups below its namespace's root, so a sandbox's cgroup namespace is rooted at the
 * delegated cgroup itself.
 *
 * <p>{@link io.glassbox.kernel.cgroup.CgroupDriver} hides the version: checks ask a
 * {@link io.glassbox.kernel.cgroup.MemoryController} for "memory max", never for a file name.
 * {@link io.glassbox.kernel.cgroup.CgroupDrivers#detect} picks the driver from the mount table. This package
 * depends on nothing but the JDK and {@code io.glassbox.kernel}.
 */
package io.glassbox.kernel.cgroup;
