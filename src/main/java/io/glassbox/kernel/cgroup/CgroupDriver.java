package io.glassbox.kernel.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One cgroup version behind one interface: {@code io.glassbox.kernel.cgroup.v1.CgroupV1Driver} and
 * {@code io.glassbox.kernel.cgroup.v2.CgroupV2Driver}. Callers speak of nodes and limits; which files hold
 * them is the driver's business. Not sealed: a sealed interface outside a named module must have its permitted
 * classes in its own package, and the drivers live in {@code v1} and {@code v2} like runc's fs and fs2.
 *
 * <p>Every method that changes the kernel refuses directories that are not below a cgroup mount of
 * {@link #layout()}, and every failure is a {@link io.glassbox.kernel.KernelException}.
 */
public interface CgroupDriver {

    CgroupVersion version();

    CgroupLayout layout();

    /** The controllers this driver manages and the machine has. */
    Set<Controller> controllers();

    /** The cgroup that holds {@code pid}, from {@code /proc/<pid>/cgroup} and the layout. */
    CgroupNode cgroupOf(long pid);

    /**
     * The cgroup under which {@code pid} (the server) creates its cgroups. On v1 that is its own. On v2 the no
     * internal processes rule (man 7 cgroups) forbids enabling controllers for children of a cgroup that holds
     * processes, so the server first moves itself into a leaf {@code glassbox-server} of its own cgroup (what a
     * systemd service with Delegate=yes is expected to do) and answers its former cgroup, which must then hold
     * no other process.
     */
    default CgroupNode home(long pid) {
        return cgroupOf(pid);
    }

    /**
     * Caps how many cgroups may exist below {@code node}, where the kernel can (v2: cgroup.max.descendants,
     * mkdir then fails with EAGAIN). v1 has no such limit: nothing is written, and the caller watches instead.
     */
    default void limitDescendants(CgroupNode node, int max) {
    }

    /** How many cgroups exist below {@code node} (the most in any of its hierarchies). */
    default int descendants(CgroupNode node) {
        int most = 0;
        for (Path dir : node.distinctDirectories()) {
            most = Math.max(most, Math.max(0, CgroupTree.directories(dir).size() - 1));
        }
        return most;
    }

    /** Creates the cgroup (mkdir in each of its directories); existing directories are fine. */
    void create(CgroupNode node);

    /**
     * Creates {@code node} if needed and hands it to {@code uid:gid}, who may then create child cgroups and move
     * processes inside it but cannot lift the limits set on {@code node}'s parent (man 7 cgroups, "Cgroup
     * delegation").
     */
    Delegation delegate(CgroupNode node, int uid, int gid);

    /**
     * Called once the lab's init is ready (it started in {@link Delegation#namespaceRoot()}, which is now its
     * cgroup namespace's root): puts every process there into {@link Delegation#processes()}, where they stay.
     * The kernel keeps the namespace root where it was, so the learner may later move processes anywhere below
     * it. Nothing to do where the two are the same cgroup (v1).
     */
    default void settle(Delegation delegation) {
    }

    /** What a sandbox bind-mounts under its {@code /sys/fs/cgroup}: sub-path ("" for the top) to host directory. */
    Map<String, Path> labMounts(CgroupNode delegated);

    MemoryController memory();

    PidsController pids();

    CpuController cpu();

    FreezerController freezer();

    /** The {@code cgroup.procs} file of each directory: a launcher shell writes its pid into each, then execs. */
    default List<Path> procsFiles(CgroupNode processes) {
        return processes.distinctDirectories().stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    /** Every process in {@code node} or any cgroup below it, across all its directories. */
    default Set<Long> processes(CgroupNode node) {
        Set<Long> pids = new TreeSet<>();
        for (Path dir : node.distinctDirectories()) {
            pids.addAll(CgroupTree.processes(dir));
        }
        return pids;
    }

    /**
     * Removes {@code node} and every cgroup below it, children first. A missing node is fine; a cgroup that still
     * holds processes fails with EBUSY (kill them first).
     */
    default void removeTree(CgroupNode node) {
        for (Path dir : node.distinctDirectories()) {
            CgroupTree.removeTree(layout().requireBelowMount(dir));
        }
    }
}
