package io.glassbox.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.host.CommandRunner;
import io.glassbox.host.HostProbe;
import io.glassbox.host.Niceness;
import io.glassbox.host.HostReport;
import io.glassbox.host.StartupFailure;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupDrivers;
import io.glassbox.kernel.cgroup.CgroupLayout;
import io.glassbox.lesson.check.StageChecker;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.run.StageReplay;
import io.glassbox.recording.RecordingMode;
import io.glassbox.recording.RecordingSettings;
import io.glassbox.recording.Recordings;
import io.glassbox.sandbox.IsolationChoice;
import io.glassbox.sandbox.LabLimits;
import io.glassbox.sandbox.Sandbox;
import io.glassbox.sandbox.SandboxSettings;
import io.glassbox.session.Admission;
import io.glassbox.session.FastForward;
import io.glassbox.session.MemoryGuard;
import io.glassbox.session.SessionIds;
import io.glassbox.session.SessionRegistry;
import io.glassbox.session.SessionSettings;
import io.glassbox.session.StageChecks;
import io.glassbox.terminal.TerminalSettings;
import io.glassbox.workshop.Classroom;
import io.glassbox.workshop.LabHostDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Starts the engine with the server: probes the machine and prints what it found, picks the isolation
 * mode, opens the sandbox (sweeping any crash leftovers) and the session registry. Refuses to start, with the
 * reason, on a machine that cannot run lab hosts or cannot give the isolation that was asked for.
 */
@ApplicationScoped
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    private final GlassboxConfig config;
    private final GlassboxMetrics metrics;
    private final WorkshopDatabase database;
    private final ObjectMapper json;
    private HostReport report;
    private IsolationChoice isolation;
    private Sandbox sandbox;
    private SessionRegistry sessions;
    private ExecutorService teardowns;
    private ScheduledExecutorService timers;
    /** The periodic check of every session (limits, lifetimes), at the background priority: never beside an echo. */
    private ScheduledExecutorService housekeeping;
    private LessonCatalog lessons;
    private ExecutorService checkers;
    private StageChecks stageChecks;
    private ExecutorService replays;
    private ExecutorService feed;
    private Classroom classroom;
    private FastForward fastForward;
    private StageReplay replay;
    private Admission admission;
    private Recordings recordings;
    private volatile boolean stopping;

    public Engine(GlassboxConfig config, GlassboxMetrics metrics, WorkshopDatabase database, ObjectMapper json) {
        this.config = config;
        this.metrics = metrics;
        this.database = database;
        this.json = json;
    }

    /**
     * Whatever stops the start, the server exits with one line that says what, why and the fix, and a non-zero
     * status ({@link StartupReport}), not with a stack trace.
     */
    void start(@Observes StartupEvent event) {
        try {
            open();
        } catch (IOException | RuntimeException e) {
            // Quarkus fires no ShutdownEvent for a start that failed: close what was opened here, or "the
            // internet" (its netns, httpd and cgroup) outlives the server until the next start's sweep.
            try {
                close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw StartupReport.stop(e);
        }
    }

    private void open() throws IOException {
        // A wrong node id stops the start before anything is built; a right one is said once, for the operator.
        sessionIds().node().ifPresent(node -> LOG.infof("node %s of several (docs/scaling.md): session ids end in -%s,"
                + " which the load balancer routes on", node, node));
        ProcFs proc = ProcFs.system();
        CommandRunner commands = new CommandRunner();
        lessons = new LessonCatalog(config.lessons().dirs()).load();
        lessons.watch();
        LOG.infof("%d lessons loaded from %s%s", lessons.lessons().size(), config.lessons().dirs(),
                lessons.errors().isEmpty() ? "" : "; problems: " + lessons.errors());
        report = new HostProbe(commands, proc).probe();
        try {
            isolation = IsolationChoice.choose(report, config.sandbox().isolation());
        } catch (RuntimeException e) {
            LOG.infof("Glassbox host probe%n%s", report.format()); // what was found, above the line saying why not
            throw e;
        }
        LOG.infof("Glassbox host probe%n%s  %-30s %s (%s)", report.format(), "isolation",
                isolation.mode().configValue(), isolation.reason());
        CgroupDriver cgroups = CgroupDrivers.detect(CgroupLayout.detect(proc.mountInfo(ProcessHandle.current().pid())), proc);
        sandbox = Sandbox.open(sandboxSettings(), commands, proc, cgroups);
        LOG.infof("learner processes run under: %s", sandbox.confinement().describe());
        LOG.infof("per-lab limits: %d namespaces of each type; %s", config.sandbox().namespaces(),
                sandbox.mountMaxReport());
        teardowns = Executors.newFixedThreadPool(2, Niceness.backgroundThreads("glassbox-teardown"));
        timers = Executors.newSingleThreadScheduledExecutor(Niceness.serverThreads("glassbox-terminal-timers"));
        sessions = new SessionRegistry(sandbox, new SessionSettings(config.sessions().max(),
                config.sessions().idleTimeout(), config.sessions().maxLifetime(), config.sessions().warm()),
                terminalSettings(), Clock.systemUTC(), teardowns, timers, memoryGuard(), metrics, sessionIds());
        openAdmission();
        checkers = Executors.newFixedThreadPool(2, Niceness.serverThreads("glassbox-checks"));
        StageChecker checker = new StageChecker(proc, cgroups, commands, sandbox.outside());
        // One way to type a solve script, for Show me, fast-forwards and the lesson runner alike.
        replay = new StageReplay(checker, Duration.ofSeconds(60));
        replays = Executors.newFixedThreadPool(config.sessions().max(), Niceness.serverThreads("glassbox-typist"));
        stageChecks = new StageChecks(lessons, checker, replay, replays, checkers, metrics);
        sessions.onQuiet(stageChecks::onQuiet);
        openRecordings();
        metrics.watch(sessions, sandbox);
        openClassroom();
        housekeeping = Executors.newSingleThreadScheduledExecutor(Niceness.backgroundThreads("glassbox-housekeeping"));
        housekeeping.scheduleWithFixedDelay(this::reapSessions, 15, 15, TimeUnit.SECONDS);
        LOG.infof("Glassbox ready: up to %d sessions, data dir %s", config.sessions().max(), config.dataDir());
    }

    /** Recordings of the sessions glassbox.recording.enabled names, marked at every check, hint and Show me. */
    private void openRecordings() throws IOException {
        GlassboxConfig.RecordingConfig recording = config.recording();
        RecordingSettings settings = new RecordingSettings(RecordingMode.parse(recording.enabled()),
                recording.maxSize().asLongValue(), recording.input());
        recordings = new Recordings(config.dataDir().toAbsolutePath().resolve("recordings"), settings, Clock.systemUTC(),
                Niceness.serverThreads("glassbox-recorder"));
        sessions.tapWith(recordings);
        sessions.onEnd(recordings::ended);
        stageChecks.listen(recordings);
        LOG.infof("recording: %s sessions, up to %d KiB each, keystrokes %s",
                settings.mode().name().toLowerCase(java.util.Locale.ROOT), settings.maxBytes() / 1024,
                settings.input() ? "recorded" : "not recorded");
    }

    /** Per-client limits on starting sessions, and the share kept for workshops (glassbox.admission.*). */
    private void openAdmission() {
        GlassboxConfig.AdmissionConfig limits = config.admission();
        int max = sessions.settings().max();
        int anonymousMax = Math.min(max, limits.anonymousMax().orElse(max / 2));
        admission = new Admission(new Admission.Settings(anonymousMax, limits.perAddressMax(),
                new Admission.Rate(limits.perAddressBurst(), limits.perAddressInterval()),
                new Admission.Rate(limits.perLearnerBurst(), limits.perLearnerInterval())), sessions.settings(),
                Clock.systemUTC());
        sessions.onEnd(session -> admission.ended(session.id()));
        if (anonymousMax > 0 && limits.perAddressMax() >= anonymousMax) {
            LOG.warnf("glassbox.admission.per-address-max (%d) is not below the free sessions' share (%d): one address"
                    + " can hold every free session", limits.perAddressMax(), anonymousMax);
        }
        LOG.infof("admission: free sessions up to %d of %d, %d per address at once; %d starts at once then one per"
                + " %d s per address, %d then one per %d s per workshop learner", anonymousMax, max,
                limits.perAddressMax(), limits.perAddressBurst(), limits.perAddressInterval().toSeconds(),
                limits.perLearnerBurst(), limits.perLearnerInterval().toSeconds());
    }

    /** Workshops: their database, and fast-forwards that replay stages as Show me and the lesson runner type them. */
    private void openClassroom() throws IOException {
        feed = Executors.newSingleThreadExecutor(Niceness.serverThreads("glassbox-dashboard-feed"));
        GlassboxConfig.WorkshopsConfig workshops = config.workshops();
        fastForward = new FastForward(replay, lessons, replays, stageChecks.events());
        classroom = new Classroom(database.open(), sessions, stageChecks, fastForward, lessons, recordings, json,
                Clock.systemUTC(),
                new Classroom.Settings(workshops.stuckAfter(), workshops.stuckFailures(), workshops.staffSignIn(),
                        sessionIds().node().orElse("single")), feed, database.nodeBus(feed));
        // On the feed's thread, like every other database write of the dashboards: never on the terminals' timers.
        long heartbeat = LabHostDirectory.HEARTBEAT.toMillis();
        timers.scheduleWithFixedDelay(() -> {
            try {
                feed.execute(classroom::heartbeat);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        announceSetupToken();
    }

    /**
     * While no instructor exists, prints the one-time token that creates the first one, and leaves it in the
     * data dir (root only) for whoever missed the log.
     */
    private void announceSetupToken() throws IOException {
        Path file = config.dataDir().resolve("setup-token");
        Optional<String> token = classroom.staff().setupToken();
        if (token.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token.get() + "\n");
        LOG.infof("No instructor account yet. Create the first one at http://<this server>:%d/staff?setup=%s"
                + " (the token is also in %s; it works once, and a restart makes a new one).",
                ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080),
                token.get(), file);
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        close();
    }

    private void close() throws IOException {
        if (stopping) {
            return; // closed already: a start that failed, then Quarkus's shutdown
        }
        stopping = true;
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (classroom != null) {
            classroom.close(); // hears no other node while its own lab hosts end
        }
        if (lessons != null) {
            lessons.close();
        }
        if (sessions != null) {
            sessions.close();
        }
        if (teardowns != null) {
            teardowns.shutdown();
        }
        if (recordings != null) {
            recordings.close();
        }
        if (checkers != null) {
            checkers.shutdownNow();
        }
        if (replays != null) {
            replays.shutdownNow();
        }
        if (feed != null) {
            feed.shutdownNow();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        if (sandbox != null) {
            try {
                sandbox.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Every 15 s: ends the sessions over a limit or past their lifetime, and purges expired staff sign-ins. With
     * 200 lab hosts it reads some thousands of files under /proc and /sys/fs/cgroup (0.3 s of CPU on the AMD
     * host), so it runs at the background priority. A failure is logged and the next round tries again.
     */
    private void reapSessions() {
        if (stopping) {
            return; // the database and the sandbox are closing
        }
        try {
            if (sessions != null) {
                sessions.reap();
            }
            if (classroom != null) {
                classroom.staff().purgeExpiredSessions();
            }
        } catch (RuntimeException e) {
            LOG.warn("the periodic session check failed; it runs again in 15 s", e);
        }
    }

    /** Session ids of this server: with {@code glassbox.node.id}, ids the balancer routes to this node. */
    private SessionIds sessionIds() {
        try {
            return SessionIds.of(config.node().id());
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(e.getMessage(), "set glassbox.node.id to this node's pod name (glassbox-0), or leave it"
                    + " unset on a single server");
        }
    }

    private SandboxSettings sandboxSettings() {
        GlassboxConfig.SandboxConfig sandboxConfig = config.sandbox();
        return new SandboxSettings(config.dataDir().toAbsolutePath(), isolation.mode(),
                sandboxConfig.memory().asLongValue(), sandboxConfig.pids(), sandboxConfig.cpus(),
                sandboxConfig.disk().asLongValue(), sandboxConfig.shm().asLongValue(), sandboxConfig.uidBase(),
                sandboxConfig.startTimeout(), new LabLimits(sandboxConfig.namespaces(), sandboxConfig.mountMax()));
    }

    /** Sessions need the lab host's memory cap plus the reserve available; unknown memory never refuses. */
    private MemoryGuard memoryGuard() {
        return new MemoryGuard(() -> memoryAvailable().orElse(-1L), config.sandbox().memory().asLongValue(),
                config.sessions().memoryReserve().asLongValue());
    }

    /** The machine's available memory in bytes (MemAvailable), if the kernel says. */
    public Optional<Long> memoryAvailable() {
        try {
            return Optional.of(ProcFs.system().memAvailable());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private TerminalSettings terminalSettings() {
        GlassboxConfig.TerminalConfig terminal = config.terminal();
        return new TerminalSettings((int) terminal.scrollback().asLongValue(), (int) terminal.window().asLongValue(),
                terminal.grace(), terminal.maxTabs(), TerminalSettings.defaults().resizeInterval());
    }

    public Admission admission() {
        return admission;
    }

    public Recordings recordings() {
        return recordings;
    }

    public FastForward fastForward() {
        return fastForward;
    }

    public Classroom classroom() {
        return classroom;
    }

    public StageChecks stageChecks() {
        return stageChecks;
    }

    public LessonCatalog lessons() {
        return lessons;
    }

    public GlassboxConfig config() {
        return config;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** The terminals' timer thread: short tasks only (grace periods, resizes, quiet checks, idle pings). */
    public ScheduledExecutorService timers() {
        return timers;
    }

    public HostReport report() {
        return report;
    }

    public IsolationChoice isolation() {
        return isolation;
    }

    public Sandbox sandbox() {
        return sandbox;
    }
}
