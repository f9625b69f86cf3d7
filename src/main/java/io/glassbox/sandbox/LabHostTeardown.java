package io.glassbox.sandbox;

import io.glassbox.host.Signals;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CgroupTree;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.FreezerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Removes a lab host completely, in the order the architecture guide gives: processes, then (implicitly)
 * mounts and the network namespace, then the uplink's outside end, the cgroup, and the state file.
 *
 * <p>Processes go first and all at once. Killing the lab host's PID 1 makes the kernel SIGKILL every other
 * process in its PID namespace (man 7 pid_namespaces), which is how a learner's nohup, setsid or
 * double-forked daemon dies too. What is left sits in the lab host's cgroup but outside its PID namespace
 * (the {@code nsenter} parents of shells); those are killed from the cgroup, frozen first so no pid is
 * reused between reading it and signalling it. Every mount the lab host made lives in its own mount
 * namespace and disappears with its last process, as does its network namespace and with it the veth pair.
 * No file of the lab host lives on the machine's disk: its writable root is a tmpfs in that namespace.
 */
final class LabHostTeardown {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(5);

    private final CgroupDriver cgroups;
    private final Signals signals;
    private final OutsideNetwork outside;
    private final LabStateStore store;

    LabHostTeardown(CgroupDriver cgroups, Signals signals, OutsideNetwork outside, LabStateStore store) {
        this.cgroups = cgroups;
        this.signals = signals;
        this.outside = outside;
        this.store = store;
    }

    /** Tears down what {@code state} records, whether this server started the lab host or a crashed one did. */
    void destroy(LabState state) {
        CgroupNode session = state.cgroupNode();
        if (state.initPid() > 0) {
            signals.killIfSame(state.initPid(), state.initStartTime(), Signals.SIGKILL);
            // The dying init waits for every process of its namespace, and a frozen one cannot die until thawed.
            thawTree(session);
        }
        // unshare reaps its child (the lab's init) and exits by itself; killing it first would orphan init and
        // leave a zombie for the machine's PID 1 to collect.
        if (state.outerPid() > 0 && !awaitGone(state.outerPid(), state.outerStartTime(), Duration.ofSeconds(2))) {
            signals.killIfSame(state.outerPid(), state.outerStartTime(), Signals.SIGKILL);
        }
        killAll(session);
        outside.detach(state.uplink());
        removeCgroup(session);
        store.delete(state.id());
    }

    /** Kills every process in {@code node} and its descendants until none is left. */
    void killAll(CgroupNode node) {
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        boolean hasFreezer = cgroups.controllers().contains(Controller.FREEZER);
        while (node.distinctDirectories().stream().anyMatch(Files::isDirectory)) {
            boolean canFreeze = hasFreezer && Files.isDirectory(node.directory(Controller.FREEZER));
            if (canFreeze) {
                freeze(node);
            }
            Set<Long> pids = cgroups.processes(node);
            pids.forEach(pid -> signals.kill(pid, Signals.SIGKILL));
            if (canFreeze) {
                // SIGKILL waits for a frozen task to thaw; learners may have frozen cgroups of their own.
                thawTree(node);
            }
            if (pids.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new KernelException("kill", "cgroup " + node.distinctDirectories(), "processes survive SIGKILL",
                        "still inside: " + pids);
            }
            sleep(5);
        }
    }

    private void freeze(CgroupNode node) {
        cgroups.freezer().freeze(node);
        for (int i = 0; i < 100 && cgroups.freezer().readState(node) == FreezerState.FREEZING; i++) {
            sleep(1);
        }
    }

    /** Thaws {@code node} and every cgroup below it (on cgroup v1 a child frozen by itself stays frozen otherwise). */
    private void thawTree(CgroupNode node) {
        if (!cgroups.controllers().contains(Controller.FREEZER)) {
            return;
        }
        for (Path dir : CgroupTree.directories(node.directory(Controller.FREEZER))) {
            try {
                cgroups.freezer().thaw(new CgroupNode(Map.of(Controller.FREEZER, dir)));
            } catch (KernelException e) {
                if (Files.exists(dir)) {
                    throw e;
                }
            }
        }
    }

    private void removeCgroup(CgroupNode node) {
        long deadline = System.nanoTime() + REMOVE_TIMEOUT.toNanos();
        while (true) {
            try {
                cgroups.removeTree(node);
                return;
            } catch (KernelException busy) {
                // Exiting tasks leave the cgroup a moment after SIGKILL is delivered.
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                killAll(node);
                sleep(10);
            }
        }
    }

    /** Waits for a process that is not our child to go away (the machine's init reaps it). */
    private boolean awaitGone(long pid, long startTime, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (signals.isSame(pid, startTime)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(5);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during teardown", e);
        }
    }
}
