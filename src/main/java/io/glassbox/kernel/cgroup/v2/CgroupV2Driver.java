package io.glassbox.kernel.cgroup.v2;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import io.glassbox.kernel.CgroupEntry;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupLayout;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CgroupTree;
import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.CpuController;
import io.glassbox.kernel.cgroup.Delegation;
import io.glassbox.kernel.cgroup.FreezerController;
import io.glassbox.kernel.cgroup.MemoryController;
import io.glassbox.kernel.cgroup.PidsController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * cgroup v2: a node is one directory of the unified tree. Creating a cgroup first enables the controllers
 * Glassbox uses in its parent's {@code cgroup.subtree_control}; delegating follows man 7 cgroups, "Cgroup
 * delegation": the delegate owns the directory and three of its files, and the processes live in a leaf.
 * The lab's cgroup namespace is rooted at the delegated directory, not at that leaf, because of the
 * {@code nsdelegate} mount option (see {@link Delegation#namespaceRoot()} and {@link #settle}).
 */
public final class CgroupV2Driver implements CgroupDriver {

    /** The controllers a child cgroup needs enabled by its parent, in the order they are written. */
    private static final List<String> WANTED = List.of("memory", "pids", "cpu");

    /** The files of a delegated v2 cgroup that its new owner must be able to write (man 7 cgroups). */
    private static final List<String> DELEGATED_FILES = List.of("cgroup.procs", "cgroup.subtree_control",
            "cgroup.threads");

    private static final String NO_INTERNAL_PROCESSES = "the parent cgroup holds processes, and cgroup v2 enables"
            + " controllers for children only in a cgroup without processes of its own (the no internal processes"
            + " rule, man 7 cgroups): the launcher must move the server into a leaf cgroup first";

    /** The leaf the server moves itself into, so that its own cgroup may have children with controllers. */
    static final String SERVER_LEAF = "glassbox-server";

    /** How often {@link #settle} sweeps the node: init forks a child or two while it execs into tini. */
    private static final int SETTLE_PASSES = 50;

    private final CgroupLayout layout;
    private final ProcFs proc;
    private final Set<Controller> controllers;
    private final Memory memory = new Memory();
    private final Pids pids = new Pids();
    private final Cpu cpu = new Cpu();
    private final Freezer freezer = new Freezer();

    public CgroupV2Driver(CgroupLayout layout, ProcFs proc) {
        if (layout.unifiedMountPoint().isEmpty()) {
            throw new IllegalArgumentException("no cgroup2 mount: " + layout.describe());
        }
        this.layout = layout;
        this.proc = proc;
        Set<Controller> found = EnumSet.noneOf(Controller.class);
        for (Controller controller : Controller.values()) {
            if (controller.coreOnV2() || layout.unifiedControllers().contains(controller.v1Name())) {
                found.add(controller);
            }
        }
        this.controllers = Collections.unmodifiableSet(found);
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V2;
    }

    @Override
    public CgroupLayout layout() {
        return layout;
    }

    @Override
    public Set<Controller> controllers() {
        return controllers;
    }

    /** The {@code 0::/path} line of /proc/pid/cgroup. */
    @Override
    public CgroupNode cgroupOf(long pid) {
        CgroupEntry entry = CgroupFiles.procCgroups(proc, pid).stream().filter(CgroupEntry::isUnified).findFirst()
                .orElseThrow(() -> new KernelException("read", proc.pidDir(pid).resolve("cgroup").toString(),
                        "ENOENT", "no 0:: line: the kernel has no cgroup2 hierarchy"));
        return CgroupNode.unified(layout.unifiedDirectory(entry.path()));
    }

    /** How to give the server a cgroup of its own, for the messages of {@link #home}. */
    private static final String OWN_CGROUP = "run the server as a systemd service with Delegate=yes"
            + " (deploy/glassbox.service, which deploy/provision.sh installs), or from a shell in a scope of its own:"
            + " systemd-run --scope -p Delegate=yes ./glassbox serve";

    @Override
    public CgroupNode home(long pid) {
        CgroupNode own = cgroupOf(pid);
        Path ownDir = own.directory(Controller.MEMORY).toAbsolutePath().normalize();
        if (layout.unifiedMountPoint().map(ownDir::equals).orElse(false)) {
            throw new KernelException("create cgroups under", ownDir.toString(), "refused", "the server runs in the"
                    + " root cgroup, where its cgroups would sit beside the machine's own and outside any service's"
                    + " limits: " + OWN_CGROUP);
        }
        Path dir = layout.requireBelowMount(ownDir);
        if (dir.getFileName() != null && dir.getFileName().toString().equals(SERVER_LEAF)) {
            return CgroupNode.unified(dir.getParent()); // Moved there by an earlier start in the same cgroup.
        }
        List<String> others = CgroupFiles.readIfPresent(dir.resolve("cgroup.procs")).orElse("").lines()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.equals(Long.toString(pid))).toList();
        if (!others.isEmpty()) {
            throw new KernelException("create cgroups under", dir.toString(), "EBUSY", "processes " + others
                    + " share the server's cgroup, and cgroup v2 enables controllers for children only in a cgroup"
                    + " without processes of its own (the no internal processes rule, man 7 cgroups): "
                    + OWN_CGROUP);
        }
        Path leaf = dir.resolve(SERVER_LEAF);
        CgroupTree.mkdir(leaf);
        CgroupFiles.write(leaf.resolve("cgroup.procs"), Long.toString(pid));
        return own;
    }

    @Override
    public void limitDescendants(CgroupNode node, int max) {
        CgroupFiles.write(layout.requireBelowMount(node.directory(Controller.MEMORY)).resolve("cgroup.max.descendants"),
                Integer.toString(max));
    }

    @Override
    public void create(CgroupNode node) {
        for (Path dir : node.distinctDirectories()) {
            Path checked = layout.requireBelowMount(dir);
            enableControllers(checked.getParent());
            CgroupTree.mkdir(checked);
        }
    }

    /**
     * The node itself is owned by the delegate and ends up holding no processes, so the delegate can enable
     * controllers for the cgroups it creates; the lab's processes end up in the leaf {@code init}. They start in
     * the node, though (see {@link Delegation#namespaceRoot()}), so the node may not enable controllers yet: a
     * cgroup listing controllers in its cgroup.subtree_control refuses new processes (man 7 cgroups, the no
     * internal processes rule). {@link #settle} enables them once the node is empty again.
     */
    @Override
    public Delegation delegate(CgroupNode node, int uid, int gid) {
        create(node);
        CgroupNode init = node.child("init");
        for (Path dir : init.distinctDirectories()) {
            CgroupTree.mkdir(layout.requireBelowMount(dir));
        }
        for (Path dir : node.distinctDirectories()) {
            CgroupTree.chown(dir, uid, gid);
            for (String name : DELEGATED_FILES) {
                Path file = dir.resolve(name);
                if (Files.exists(file, NOFOLLOW_LINKS)) { // cgroup.threads needs Linux 4.14
                    CgroupTree.chown(file, uid, gid);
                }
            }
        }
        for (Path dir : init.distinctDirectories()) {
            CgroupTree.chownTree(dir, uid, gid);
        }
        return new Delegation(node, init, node);
    }

    /**
     * Moves every process of the node (the outer unshare, the lab's init, and whatever init forked before it was
     * moved) into {@code init}, pass after pass until the node holds none: writing a pid to cgroup.procs as root
     * moves it without changing its cgroup namespace, whose root stays the node. Then enables the controllers
     * for the node's children, which the learner would otherwise do first (lessons write the same line, which is
     * harmless), and hands init's new interface files to the delegate like the rest of init.
     */
    @Override
    public void settle(Delegation delegation) {
        Path node = layout.requireBelowMount(delegation.namespaceRoot().directory(Controller.MEMORY));
        Path init = layout.requireBelowMount(delegation.processes().directory(Controller.MEMORY));
        if (node.equals(init)) {
            return;
        }
        for (int pass = 0; ; pass++) {
            List<Long> left = pidsIn(node);
            if (left.isEmpty()) {
                break;
            }
            if (pass == SETTLE_PASSES) {
                throw new KernelException("move the lab's processes into", init.toString(), "EBUSY", "processes "
                        + left + " are still in " + node + " after " + pass + " passes: something there keeps"
                        + " forking, and the learner could not enable controllers for cgroups of their own");
            }
            left.forEach(pid -> moveUnlessGone(pid, init));
        }
        enableControllers(node);
        int[] owner = CgroupTree.owner(node);
        CgroupTree.chownTree(init, owner[0], owner[1]);
    }

    /** The processes directly in {@code dir}, not in the cgroups below it. */
    private static List<Long> pidsIn(Path dir) {
        return CgroupFiles.read(dir.resolve("cgroup.procs")).lines().map(String::trim).filter(line -> !line.isEmpty())
                .map(Long::parseLong).toList();
    }

    /** Writes {@code pid} to {@code cgroup}'s cgroup.procs; a process that has exited meanwhile (ESRCH) is fine. */
    private static void moveUnlessGone(long pid, Path cgroup) {
        try {
            CgroupFiles.write(cgroup.resolve("cgroup.procs"), Long.toString(pid));
        } catch (KernelException e) {
            if (!"ESRCH".equals(e.errno())) {
                throw e;
            }
        }
    }

    /** The delegated cgroup becomes the sandbox's whole /sys/fs/cgroup. */
    @Override
    public Map<String, Path> labMounts(CgroupNode delegated) {
        return Map.of("", delegated.directory(Controller.MEMORY));
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

    /**
     * Writes "+memory +pids +cpu" to {@code parent}'s cgroup.subtree_control, leaving out what it already lists
     * and what its cgroup.controllers does not offer. One write enables them all or none.
     */
    private static void enableControllers(Path parent) {
        Set<String> available = CgroupFiles.readWords(parent.resolve("cgroup.controllers"));
        Set<String> enabled = CgroupFiles.readWords(parent.resolve("cgroup.subtree_control"));
        String missing = WANTED.stream().filter(available::contains).filter(c -> !enabled.contains(c))
                .map(c -> "+" + c).collect(Collectors.joining(" "));
        if (!missing.isEmpty()) {
            CgroupFiles.write(parent.resolve("cgroup.subtree_control"), missing,
                    Map.of("EBUSY", NO_INTERNAL_PROCESSES));
        }
    }
}
