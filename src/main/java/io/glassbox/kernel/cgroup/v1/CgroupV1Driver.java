package io.glassbox.kernel.cgroup.v1;

import io.glassbox.kernel.CgroupEntry;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupLayout;
import io.glassbox.kernel.cgroup.CgroupLayout.V1Hierarchy;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CgroupTree;
import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.CpuController;
import io.glassbox.kernel.cgroup.Delegation;
import io.glassbox.kernel.cgroup.FreezerController;
import io.glassbox.kernel.cgroup.MemoryController;
import io.glassbox.kernel.cgroup.PidsController;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * cgroup v1: a node is one directory per controller hierarchy. Delegation is a plain {@code chown -R}: v1 has
 * no rule against processes in inner cgroups, and the parent directory (root-owned) keeps the caps.
 */
public final class CgroupV1Driver implements CgroupDriver {

    private final CgroupLayout layout;
    private final ProcFs proc;
    private final Set<Controller> controllers;
    private final Memory memory = new Memory();
    private final Pids pids = new Pids();
    private final Cpu cpu = new Cpu();
    private final Freezer freezer = new Freezer();

    public CgroupV1Driver(CgroupLayout layout, ProcFs proc) {
        this.layout = layout;
        this.proc = proc;
        Set<Controller> found = EnumSet.noneOf(Controller.class);
        for (Controller controller : Controller.values()) {
            if (layout.v1HierarchyOf(controller.v1Name()).isPresent()) {
                found.add(controller);
            }
        }
        this.controllers = Collections.unmodifiableSet(found);
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V1;
    }

    @Override
    public CgroupLayout layout() {
        return layout;
    }

    @Override
    public Set<Controller> controllers() {
        return controllers;
    }

    /** For each controller, the line of /proc/pid/cgroup whose hierarchy lists it ({@code 4:memory:/a/b}). */
    @Override
    public CgroupNode cgroupOf(long pid) {
        List<CgroupEntry> entries = CgroupFiles.procCgroups(proc, pid);
        Map<Controller, Path> dirs = new EnumMap<>(Controller.class);
        for (Controller controller : controllers) {
            V1Hierarchy hierarchy = layout.v1HierarchyOf(controller.v1Name()).orElseThrow();
            CgroupEntry entry = entries.stream().filter(e -> e.controllers().contains(controller.v1Name()))
                    .findFirst().orElseThrow(() -> new KernelException("read",
                            proc.pidDir(pid).resolve("cgroup").toString(), "ENOENT", "no line for the "
                                    + controller.v1Name() + " hierarchy; is it mounted in this namespace?"));
            dirs.put(controller, layout.v1Directory(hierarchy, entry.path()));
        }
        return new CgroupNode(dirs);
    }

    @Override
    public void create(CgroupNode node) {
        for (Path dir : node.distinctDirectories()) {
            CgroupTree.mkdir(layout.requireBelowMount(dir));
        }
    }

    @Override
    public Delegation delegate(CgroupNode node, int uid, int gid) {
        create(node);
        for (Path dir : node.distinctDirectories()) {
            CgroupTree.chownTree(layout.requireBelowMount(dir), uid, gid);
        }
        return new Delegation(node, node);
    }

    /** Keyed by the hierarchy's mount name ("memory", "cpu,cpuacct"), as the sandbox names its mount points. */
    @Override
    public Map<String, Path> labMounts(CgroupNode delegated) {
        Map<String, Path> mounts = new TreeMap<>();
        delegated.directories().forEach((controller, dir) -> layout.v1MountOf(controller.v1Name())
                .ifPresent(mount -> mounts.put(mount.getFileName().toString(), dir)));
        return Collections.unmodifiableMap(mounts);
    }

    @Override
    public MemoryController memory() {
        return memory;
    }

    @Override
    public PidsController pids() {
        return pids;
    }

    @Override
    public CpuController cpu() {
        return cpu;
    }

    @Override
    public FreezerController freezer() {
        return freezer;
    }

}
