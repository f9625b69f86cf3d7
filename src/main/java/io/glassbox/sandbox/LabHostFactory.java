package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import io.glassbox.host.Niceness;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CpuQuota;
import io.glassbox.kernel.cgroup.Delegation;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Creates lab hosts, in this order: record what will be created (so a crash can be cleaned up), the session
 * cgroup with its hard caps, the delegated cgroup inside it, the user namespace, the init process in fresh
 * namespaces (which builds the root filesystem and pivots into it), the uplink, and finally the move of the
 * lab's processes to where they stay in its cgroup ({@link CgroupDriver#settle}). If any step
 * fails, whatever was created is torn down before the error is reported.
 */
final class LabHostFactory {

    private static final String READY = "glassbox-lab-ready";
    private static final long CPU_PERIOD_MICROS = 100_000;

    private final SandboxSettings settings;
    private final DataDir dataDir;
    private final Path busybox;
    private final CommandRunner commands;
    private final ProcFs proc;
    private final CgroupDriver cgroups;
    private final CgroupNode instanceCgroup;
    private final OutsideNetwork outside;
    private final LabStateStore store;
    private final LabHostTeardown teardown;
    private final Confinement confinement;

    LabHostFactory(SandboxSettings settings, DataDir dataDir, Path busybox, CommandRunner commands, ProcFs proc,
            CgroupDriver cgroups, CgroupNode instanceCgroup, OutsideNetwork outside, LabStateStore store,
            LabHostTeardown teardown, Confinement confinement) {
        this.confinement = confinement;
        this.settings = settings;
        this.dataDir = dataDir;
        this.busybox = busybox;
        this.commands = commands;
        this.proc = proc;
        this.cgroups = cgroups;
        this.instanceCgroup = instanceCgroup;
        this.outside = outside;
        this.store = store;
        this.teardown = teardown;
    }

    LabHost create(String id, int slot) {
        boolean userns = settings.isolation() == IsolationMode.USERNS;
        long uidBase = userns ? settings.uidBase() + slot * SandboxSettings.UIDS_PER_LAB : 0;
        CgroupNode session = instanceCgroup.child("lab-" + id);
        LabState state = new LabState(id, slot, "lab-" + id.substring(0, 6), settings.isolation(), uidBase,
                LabState.encode(session), LabUplink.forSlot(slot, id), 0, 0, 0, 0, Instant.now());
        store.save(state);
        try {
            cgroups.create(session);
            applyCaps(session);
            CgroupNode lab = session.child("lab");
            cgroups.create(lab);
            Delegation delegation = cgroups.delegate(lab, (int) uidBase, (int) uidBase);
            List<Path> procsFiles = cgroups.procsFiles(delegation.processes());
            // The holder must outlive the moment init joins its user namespace; waiting for ready covers that.
            try (UserNamespaceHolder holder = userns ? UserNamespaceHolder.create(commands, proc, uidBase,
                    settings.limits(), settings.startTimeout()) : null;
                    InitLaunch launch = launch(state, delegation, holder)) {
                long outerPid = launch.awaitPid();
                state = state.withProcesses(outerPid, proc.stat(outerPid).startTime(), 0, 0);
                store.save(state);
                long initPid = awaitInit(outerPid, launch);
                state = state.withProcesses(outerPid, state.outerStartTime(), initPid, proc.stat(initPid).startTime());
                store.save(state);
                // init's network namespace exists from its first instruction: wire the uplink while it sets up.
                outside.attach(initPid, state.uplink());
                launch.awaitReady(READY, () -> !proc.exists(initPid));
                awaitTini(initPid);
                // Started at the caller's priority (the warm pool's is lowered, see Niceness); the lab host's
                // processes, init, tini and its child, go back to the default before any shell joins them.
                Niceness.restore(outerPid);
            }
            // Before any shell joins: on v2 the lab started in its cgroup namespace's root and moves to its leaf.
            cgroups.settle(delegation);
            return new LabHost(state, delegation, procsFiles, confinement);
        } catch (RuntimeException | IOException e) {
            teardown.destroy(state);
            if (e instanceof LabHostException known) {
                throw known;
            }
            throw new LabHostException("cannot create lab host " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits the moment between init's ready line and its exec of tini (under the confinement, with /dev/null
     * as its only files), so a lab host is handed out only in its final state.
     */
    private void awaitTini(long initPid) throws IOException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        // Until tini runs and has started its child (the child inherits tini's priority: see Niceness.restore).
        while (!proc.stat(initPid).comm().equals("tini")
                || children(initPid).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new LabHostException("lab host init printed its ready line but did not become tini within "
                        + settings.startTimeout().toSeconds() + " s", null);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabHostException("interrupted while waiting for lab host init", e);
            }
        }
    }

    /**
     * Starts init, its output going to {@code sessions/<id>.launch}. The launcher stays a child of the server
     * (reaped when the lab host ends, see {@link InitLaunch#start}). It joins the cgroup
     * that becomes the root of the lab's cgroup namespace (see {@link Delegation#namespaceRoot()}).
     */
    private InitLaunch launch(LabState state, Delegation delegation, UserNamespaceHolder holder) {
        List<String> init = LabCommands.launchInit(holder == null ? null : holder.namespacePath(), busybox,
                dataDir.labStageScript(), dataDir.labInitScript());
        Path output = dataDir.sessions().resolve(state.id() + ".launch");
        List<Path> launchProcsFiles = cgroups.procsFiles(delegation.namespaceRoot());
        return InitLaunch.start(LabCommands.announcedInCgroups(launchProcsFiles, init),
                initEnvironment(state, delegation), output, settings.startTimeout());
    }

    private void applyCaps(CgroupNode session) {
        cgroups.memory().writeMax(session, settings.memoryMaxBytes());
        cgroups.pids().writeMax(session, settings.pidsMax());
        long quota = Math.round(settings.cpus() * CPU_PERIOD_MICROS);
        cgroups.cpu().writeQuota(session, new CpuQuota(OptionalLong.of(quota), CPU_PERIOD_MICROS));
        // The delegated cgroup and its init leaf, plus the learner's own.
        cgroups.limitDescendants(session, Sandbox.LEARNER_CGROUPS_MAX + 2);
    }

    /** The stage and init scripts' inputs (see lab-stage.sh, lab-init.sh); init clears its environment. */
    private Map<String, String> initEnvironment(LabState state, Delegation delegation) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GB_ROOT", dataDir.labRootMountPoint().toString());
        environment.put("GB_STAGE", dataDir.labStageMountPoint().toString());
        environment.put("GB_UID_BASE", Long.toString(state.uidBase()));
        environment.put("GB_HOSTNAME", state.hostname());
        environment.put("GB_ETC", dataDir.labEtc().toString());
        environment.put("GB_IMAGES", dataDir.images().toString());
        environment.put("GB_DISK", (settings.diskBytes() >> 10) + "k");
        environment.put("GB_SHM", (settings.shmBytes() >> 10) + "k");
        // One file per 4 KiB of space: room for any lesson, and far fewer than the memory cap could pin.
        environment.put("GB_DISK_INODES", Long.toString(Math.max(16_384, settings.diskBytes() >> 12)));
        environment.put("GB_SHM_INODES", Long.toString(Math.max(1_024, settings.shmBytes() >> 12)));
        environment.put("GB_CGROUPS", cgroups.labMounts(delegation.delegated()).entrySet().stream()
                .map(mount -> mount.getKey() + "=" + mount.getValue()).collect(Collectors.joining(" ")));
        environment.put("GB_READY", READY);
        // NUL cannot occur in an argument: the words of confine's command line, for lab-init.sh to split.
        environment.put("GB_CONFINE", String.join("\u0001", confinement.initPrefix()));
        return environment;
    }

    /**
     * Waits for the lab host's init: the outer unshare's only child, which exists once unshare has created the
     * namespaces and forked (before that, the launcher runs lab-stage.sh, whose commands are its children). Its network namespace must not be the server's, or the uplink would land there.
     */
    private long awaitInit(long outerPid, InitLaunch launch) throws IOException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        long serverNet = proc.namespace(ProcessHandle.current().pid(), NamespaceType.NET).inode();
        while (System.nanoTime() < deadline && proc.exists(outerPid)) {
            List<Long> children = children(outerPid);
            // Until the launcher becomes the outer unshare, its children are lab-stage.sh's short-lived tools.
            if (children.size() == 1 && inOtherNetwork(children.get(0), serverNet)) {
                return children.get(0);
            }
            if (children.size() > 1) {
                throw new KernelException("unshare", "--fork", "expected one child, found " + children, null);
            }
            sleep(1);
        }
        if (!proc.exists(outerPid)) {
            throw launch.failure("lab host init did not start (the launcher " + outerPid + " is gone)");
        }
        throw new LabHostException("lab host init did not start (the launcher " + outerPid + " is still waiting)",
                null);
    }

    private List<Long> children(long pid) throws IOException {
        try {
            return proc.children(pid);
        } catch (NoSuchFileException gone) {
            return List.of();
        }
    }

    private boolean inOtherNetwork(long pid, long serverNet) {
        try {
            return proc.namespace(pid, NamespaceType.NET).inode() != serverNet;
        } catch (IOException gone) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabHostException("interrupted while creating a lab host", e);
        }
    }
}
