package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.IdMapping;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CpuQuota;
import io.glassbox.kernel.cgroup.Delegation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Creates lab hosts, in this order: record what will be created (so a crash can be cleaned up), the session
 * cgroup with its hard caps, the delegated cgroup inside it, the user namespace, the init process in fresh
 * namespaces (which builds the root filesystem and pivots into it), and finally the uplink. If any step
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

    LabHostFactory(SandboxSettings settings, DataDir dataDir, Path busybox, CommandRunner commands, ProcFs proc,
            CgroupDriver cgroups, CgroupNode instanceCgroup, OutsideNetwork outside, LabStateStore store,
            LabHostTeardown teardown) {
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
        Process outer = null;
        try {
            cgroups.create(session);
            applyCaps(session);
            CgroupNode lab = session.child("lab");
            cgroups.create(lab);
            Delegation delegation = cgroups.delegate(lab, (int) uidBase, (int) uidBase);
            List<Path> procsFiles = cgroups.procsFiles(delegation.processes());
            long initPid;
            // The holder must outlive the moment init joins its user namespace; waiting for ready covers that.
            try (UserNamespaceHolder holder = userns ? UserNamespaceHolder.create(commands, proc,
                    new IdMapping(0, uidBase, SandboxSettings.UIDS_PER_LAB), settings.startTimeout()) : null) {
                List<String> init = LabCommands.launchInit(holder == null ? null : holder.namespacePath(), busybox,
                        dataDir.labInitScript());
                outer = commands.start(LabCommands.inCgroups(procsFiles, init), initEnvironment(state, delegation),
                        ProcessBuilder.Redirect.PIPE);
                // init's network namespace exists from its first instruction: wire the uplink while it sets up.
                initPid = awaitInit(outer);
                outside.attach(initPid, state.uplink());
                awaitReady(outer);
            }
            state = state.withProcesses(outer.pid(), proc.stat(outer.pid()).startTime(), initPid,
                    proc.stat(initPid).startTime());
            store.save(state);
            return new LabHost(state, outer, delegation, procsFiles);
        } catch (RuntimeException | IOException e) {
            teardown.destroy(state, outer);
            if (e instanceof LabHostException known) {
                throw known;
            }
            throw new LabHostException("cannot create lab host " + id + ": " + e.getMessage(), e);
        }
    }

    private void applyCaps(CgroupNode session) {
        cgroups.memory().writeMax(session, settings.memoryMaxBytes());
        cgroups.pids().writeMax(session, settings.pidsMax());
        long quota = Math.round(settings.cpus() * CPU_PERIOD_MICROS);
        cgroups.cpu().writeQuota(session, new CpuQuota(OptionalLong.of(quota), CPU_PERIOD_MICROS));
    }

    /** The init script's inputs (see lab-init.sh); the script clears its environment before init starts. */
    private Map<String, String> initEnvironment(LabState state, Delegation delegation) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GB_ROOT", dataDir.labRootMountPoint().toString());
        environment.put("GB_HOSTNAME", state.hostname());
        environment.put("GB_ETC", dataDir.labEtc().toString());
        environment.put("GB_IMAGES", dataDir.images().toString());
        environment.put("GB_DISK", (settings.diskBytes() >> 10) + "k");
        environment.put("GB_SHM", (settings.shmBytes() >> 10) + "k");
        environment.put("GB_CGROUPS", cgroups.labMounts(delegation.delegated()).entrySet().stream()
                .map(mount -> mount.getKey() + "=" + mount.getValue()).collect(Collectors.joining(" ")));
        environment.put("GB_READY", READY);
        return environment;
    }

    /**
     * Waits for the lab host's init: the outer unshare's only child, which exists once unshare has created the
     * namespaces and forked. Its network namespace must not be the server's, or the uplink would land there.
     */
    private long awaitInit(Process outer) throws IOException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        long serverNet = proc.namespace(ProcessHandle.current().pid(), NamespaceType.NET).inode();
        while (System.nanoTime() < deadline && outer.isAlive()) {
            List<Long> children = proc.children(outer.pid());
            if (children.size() == 1 && proc.namespace(children.get(0), NamespaceType.NET).inode() != serverNet) {
                return children.get(0);
            }
            if (children.size() > 1) {
                throw new KernelException("unshare", "--fork", "expected one child, found " + children, null);
            }
            sleep(1);
        }
        awaitReady(outer); // reports why init never started
        throw new LabHostException("lab host init did not start within " + settings.startTimeout().toSeconds() + " s", null);
    }

    /** Waits for the init script's ready line; on failure, reports what the script printed. */
    private void awaitReady(Process outer) throws IOException {
        String line = readLine(outer);
        if (!READY.equals(line)) {
            String said = new String(outer.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new LabHostException("lab host set-up failed: "
                    + (said.isEmpty() ? "init exited without a word (status " + exitStatus(outer) + ")" : said), null);
        }
        outer.getInputStream().close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabHostException("interrupted while creating a lab host", e);
        }
    }

    private String readLine(Process outer) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(outer.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            return line.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outer.destroyForcibly();
            throw new LabHostException("lab host set-up took longer than " + settings.startTimeout().toSeconds()
                    + " s; the machine may be overloaded", e);
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabHostException("interrupted while creating a lab host", e);
        }
    }

    private static String exitStatus(Process process) {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
