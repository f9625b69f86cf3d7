package io.glassbox.sandbox;

import io.glassbox.host.Busybox;
import io.glassbox.host.CommandRunner;
import io.glassbox.host.Signals;
import io.glassbox.host.StartupFailure;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The engine's entry point: prepares the machine once (data dir, images, lab template, "the internet",
 * a cgroup for this installation), sweeps what a crashed predecessor left, then creates and destroys lab
 * hosts. One Sandbox owns one data dir; a lock file keeps a second server off it.
 */
public final class Sandbox implements AutoCloseable {

    private final SandboxSettings settings;
    private final DataDir dataDir;
    private final FileChannel lockChannel;
    private final CgroupDriver cgroups;
    private final CgroupNode instanceCgroup;
    private String mountMaxReport = "fs.mount-max not read yet";
    private final OutsideNetwork outside;
    private final LabStateStore store;
    private final LabHostFactory factory;
    private final LabHostTeardown teardown;
    private final SlotAllocator slots;
    private final Map<String, LabHost> live = new ConcurrentHashMap<>();
    /**
     * Lab hosts being built at once: a few per CPU. When a whole class starts together, building 60 at once on
     * two CPUs made every one of them late (3 to 9 s); in turns, first come are first served and the rest wait
     * in a fair queue for the same total time.
     */
    private final Semaphore building = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    private final Confinement confinement;
    private final ProcFs proc;
    private final Signals signals;
    private final Path busybox;
    /** Ends the lab hosts if this server dies without {@link #close}; started in {@link #prepare}. */
    private ServerGuardian guardian;

    private Sandbox(SandboxSettings settings, DataDir dataDir, FileChannel lockChannel, CommandRunner commands,
            ProcFs proc, CgroupDriver cgroups, String instance) throws IOException {
        this.settings = settings;
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.cgroups = cgroups;
        this.proc = proc;
        this.signals = new Signals(proc);
        this.instanceCgroup = cgroups.home(ProcessHandle.current().pid()).child("glassbox-" + instance);
        this.outside = new OutsideNetwork("glassbox-" + instance, commands, signals, cgroups,
                instanceCgroup.child("internet"), InternetWebServer.SIZED_FOR_LABS);
        this.store = new LabStateStore(dataDir.sessions());
        this.teardown = new LabHostTeardown(cgroups, signals, outside, store);
        this.busybox = Busybox.findStatic().orElseThrow(() -> new IOException(Busybox.installHint()));
        this.confinement = Confinement.detect(commands);
        this.factory = new LabHostFactory(settings, dataDir, busybox, commands, proc, cgroups, instanceCgroup, outside,
                store, teardown, confinement);
        this.slots = new SlotAllocator(settings.maxSlots());
    }

    /** What start-up did to the machine's fs.mount-max (see {@link LabLimits#applyMountMax}). */
    public String mountMaxReport() {
        return mountMaxReport;
    }

    /** Prepares the machine for lab hosts; fails with a message naming what is missing. */
    public static Sandbox open(SandboxSettings settings, CommandRunner commands, ProcFs proc, CgroupDriver cgroups)
            throws IOException {
        DataDir dataDir = new DataDir(settings.dataDir());
        dataDir.create();
        FileChannel lock = lock(dataDir);
        Sandbox sandbox = null;
        try {
            sandbox = new Sandbox(settings, dataDir, lock, commands, proc, cgroups, instanceId(dataDir));
            sandbox.prepare(commands);
            return sandbox;
        } catch (IOException | RuntimeException e) {
            if (sandbox != null && sandbox.guardian != null) {
                sandbox.guardian.close(); // it sweeps what prepare made so far
            }
            lock.close();
            throw e;
        }
    }

    private void prepare(CommandRunner commands) throws IOException {
        // A guardian of the previous server on this data dir may still be killing its lab hosts: let it finish,
        // or it could kill what this server is about to create.
        ServerGuardian.awaitPredecessor(dataDir, proc, signals);
        sweep();
        try (InputStream init = Sandbox.class.getResourceAsStream("lab-init.sh");
                InputStream stage = Sandbox.class.getResourceAsStream("lab-stage.sh")) {
            Files.write(dataDir.labInitScript(), init.readAllBytes());
            Files.write(dataDir.labStageScript(), stage.readAllBytes());
        }
        mountMaxReport = settings.limits().applyMountMax(Path.of("/proc/sys/fs/mount-max"));
        EtcTemplate.write(dataDir.labEtc(), Path.of("/etc"));
        new ImageBuilder(commands).build(dataDir.images());
        cgroups.create(instanceCgroup);
        guardian = ServerGuardian.start(commands, dataDir, busybox, outside.name(), instanceCgroup, proc);
        outside.open(dataDir.internetWww(), dataDir.images().resolve("web/layers"));
    }

    /**
     * Removes every lab host a previous server on this data dir left behind (after kill -9 or a power cut):
     * those with a state file, and any cgroup under this installation's cgroup without one.
     */
    private void sweep() {
        List<Path> broken = new ArrayList<>();
        for (LabState state : store.list(broken)) {
            teardown.destroy(state);
        }
        for (Path file : broken) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove unreadable state file " + file, e);
            }
        }
        teardown.killAll(instanceCgroup);
        cgroups.removeTree(instanceCgroup);
    }

    /** Creates a lab host for session {@code id} (lowercase letters, digits and dashes, at least 6; see SessionIds). */
    public LabHost create(String id) {
        if (!id.matches("[a-z0-9][a-z0-9-]{5,63}")) {
            throw new IllegalArgumentException("not a lab host id: " + id);
        }
        int slot = slots.acquire();
        if (slot < 0) {
            throw new LabHostException("all " + settings.maxSlots() + " lab host slots are in use", null);
        }
        try {
            building.acquireUninterruptibly();
            try {
                LabHost host = factory.create(id, slot);
                live.put(id, host);
                return host;
            } finally {
                building.release();
            }
        } catch (RuntimeException e) {
            slots.release(slot);
            throw e;
        }
    }

    /** Kills everything in the lab host and removes all it owned. Blocks until done; call it off request threads. */
    public void destroy(LabHost host) {
        if (live.remove(host.id()) == null) {
            return;
        }
        try {
            teardown.destroy(host.state());
        } finally {
            slots.release(host.state().slot());
        }
    }

    /**
     * How many cgroups a learner may create in a lab host: far more than any lesson needs, far fewer than the
     * machine's 65535 memory cgroup ids a cgroup flood could use up for everyone. cgroup v2 enforces it
     * (cgroup.max.descendants); on v1 the session registry ends a session that goes over it.
     */
    public static final int LEARNER_CGROUPS_MAX = 256;

    /** How many cgroups the learner has created in {@code host} (the most in any hierarchy). */
    public int learnerCgroups(LabHost host) {
        int delegatedAndInit = host.delegation().processes().equals(host.delegation().delegated()) ? 0 : 1;
        return Math.max(0, cgroups.descendants(host.delegation().delegated()) - delegatedAndInit);
    }

    /** The seccomp filter and no_new_privs learner processes run under, if the machine allows. */
    public Confinement confinement() {
        return confinement;
    }

    public SandboxSettings settings() {
        return settings;
    }

    public CgroupDriver cgroups() {
        return cgroups;
    }

    /** "glassbox-" and this installation's id: the name of its cgroup and of its outside network namespace. */
    public String instanceName() {
        return outside.name();
    }

    public OutsideNetwork outside() {
        return outside;
    }

    public int liveCount() {
        return live.size();
    }

    /** The guardian, for tests. */
    ServerGuardian guardian() {
        return guardian;
    }

    @Override
    /**
     * Tears everything down. Each step runs even when an earlier one failed, so one stubborn lab host cannot
     * leave "the internet" or the instance cgroup behind; the first failure is rethrown at the end, and what
     * is left is removed by the next start's sweep.
     */
    public void close() throws IOException {
        List<RuntimeException> failures = new ArrayList<>();
        for (LabHost host : List.copyOf(live.values())) {
            attempt(() -> destroy(host), failures);
        }
        attempt(outside::close, failures);
        attempt(() -> teardown.killAll(instanceCgroup), failures);
        attempt(() -> cgroups.removeTree(instanceCgroup), failures);
        if (guardian != null) {
            attempt(guardian::close, failures); // before the lock goes: no next server while it still sweeps
        }
        lockChannel.close();
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }

    private static void attempt(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /**
     * Lets go of the data dir without tearing anything down, as a server killed with SIGKILL would. Only for
     * tests of the start-up sweep.
     */
    void abandon() throws IOException {
        if (guardian != null) {
            guardian.abandon(); // as if the whole machine lost power: only the next start's sweep cleans up
        }
        live.clear();
        lockChannel.close();
    }

    private static FileChannel lock(DataDir dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            // Temporary: the other server may be on its way out (a restart overlapping its stop).
            throw StartupFailure.temporary("another Glassbox server is using the data dir " + dataDir.root(),
                    "stop it, or set glassbox.data-dir to another directory", null);
        }
        return channel;
    }

    /** A random id per data dir, kept across restarts, that names this installation's cgroup and netns. */
    private static String instanceId(DataDir dataDir) throws IOException {
        Path file = dataDir.instanceFile();
        if (Files.isRegularFile(file)) {
            String id = Files.readString(file).strip();
            if (id.matches("[0-9a-f]{8}")) {
                return id;
            }
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        Files.writeString(file, id + "\n");
        return id;
    }
}
