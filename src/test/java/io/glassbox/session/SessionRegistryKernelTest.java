package io.glassbox.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.host.Niceness;
import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.terminal.TerminalSettings;
import io.glassbox.testing.KernelTests;
import io.glassbox.testing.SandboxExtension;
import io.glassbox.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session lifecycles over real lab hosts, with a clock the test moves. */
@Tag("kernel")
class SessionRegistryKernelTest {

    @RegisterExtension
    static final SandboxExtension LAB = new SandboxExtension(IsolationMode.USERNS, 1_900_000_000L);
    final TestClock clock = new TestClock(Instant.parse("2026-11-23T09:00:00Z"));
    ExecutorService teardowns;
    ScheduledExecutorService timers;
    SessionRegistry registry;



    @BeforeEach
    void newRegistry() {
        teardowns = Executors.newSingleThreadExecutor();
        timers = Executors.newSingleThreadScheduledExecutor();
        registry = new SessionRegistry(LAB.sandbox(), new SessionSettings(2, Duration.ofMinutes(30), Duration.ofHours(4), 0),
                TerminalSettings.defaults(), clock, teardowns, timers, MemoryGuard.none(), SessionMetrics.NONE);
    }

    @AfterEach
    void closeRegistry() throws InterruptedException {
        registry.close();
        teardowns.shutdown();
        timers.shutdownNow();
        assertThat(teardowns.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCgroupFloodEndsTheSessionAtTheCap() throws Exception {
        Session flooding = registry.create(null);
        Session calm = registry.create(null);
        String dir = LAB.sandbox().cgroups().version() == CgroupVersion.V1
                ? "/sys/fs/cgroup/pids" : "/sys/fs/cgroup";
        KernelTests.COMMANDS.run(flooding.labHost().exec(List.of("/bin/sh", "-c",
                "i=0; while [ $i -lt 300 ] && mkdir " + dir + "/c$i 2>/dev/null; do i=$((i+1)); done")));
        KernelTests.COMMANDS.run(calm.labHost().exec(List.of("/bin/sh", "-c", "mkdir " + dir + "/box1")));

        registry.reap();

        assertThat(LAB.sandbox().learnerCgroups(calm.labHost())).isEqualTo(1);
        assertThat(registry.running()).containsExactly(calm);
        assertThat(flooding.endReason()).contains("created more than 256 cgroups");
    }

    @Test
    void idleSessionsEndAndUseKeepsThemAlive() throws Exception {
        Session idle = registry.create(null);
        Session busy = registry.create(null);
        List<Session> ended = new ArrayList<>();
        registry.onEnd(ended::add);

        clock.advance(Duration.ofMinutes(20));
        busy.touch(clock);
        clock.advance(Duration.ofMinutes(15));
        registry.reap();

        assertThat(ended).containsExactly(idle);
        assertThat(idle.state()).isEqualTo(SessionState.ENDING);
        assertThat(idle.endReason()).contains("idle for more than 30 min");
        assertThat(registry.running()).containsExactly(busy);
        assertThatThrownBy(() -> registry.get(idle.id())).isInstanceOf(SessionException.class);
    }

    @Test
    void noSessionOutlivesTheMaximumLifetimeHoweverBusy() {
        Session session = registry.create(null);
        for (int i = 0; i < 17; i++) {
            clock.advance(Duration.ofMinutes(15));
            session.touch(clock);
            registry.reap();
        }
        assertThat(session.state()).isEqualTo(SessionState.ENDING);
        assertThat(session.endReason().orElseThrow()).contains("maximum lifetime");
    }

    @Test
    void capacityIsReturnedOnlyWhenTheLabHostIsGone() throws Exception {
        Session first = registry.create(null);
        registry.create(null);
        assertThatThrownBy(() -> registry.create(null)).isInstanceOf(SessionException.class)
                .extracting(e -> ((SessionException) e).reason()).isEqualTo(SessionException.Reason.CAPACITY);

        registry.end(first, "deleted").get(30, TimeUnit.SECONDS);

        assertThat(Path.of("/proc", Long.toString(first.labHost().initPid()))).doesNotExist();
        assertThat(registry.create(null).state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void tooLittleMemoryRefusesASessionWithoutStartingALabHostAndMetricsSeeEverything() throws Exception {
        AtomicLong available = new AtomicLong(64L << 20);
        List<String> seen = new CopyOnWriteArrayList<>();
        SessionMetrics recording = new SessionMetrics() {
            @Override
            public void sessionStarted(Duration took) {
                seen.add("started");
            }

            @Override
            public void sessionRefused(SessionException.Reason reason) {
                seen.add("refused " + reason);
            }

            @Override
            public void teardownFinished(Duration took, boolean succeeded) {
                seen.add("teardown " + succeeded);
            }
        };
        int liveBefore = LAB.sandbox().liveCount();
        try (SessionRegistry guarded = new SessionRegistry(LAB.sandbox(),
                new SessionSettings(1, Duration.ofMinutes(30), Duration.ofHours(4), 0), TerminalSettings.defaults(),
                clock, teardowns, timers, new MemoryGuard(available::get, 128L << 20, 256L << 20), recording)) {
            assertThatThrownBy(() -> guarded.create(null)).isInstanceOf(SessionException.class)
                    .hasMessageContaining("64 MiB available").hasMessageContaining("glassbox.sandbox.memory")
                    .extracting(e -> ((SessionException) e).reason()).isEqualTo(SessionException.Reason.CAPACITY);
            assertThat(LAB.sandbox().liveCount()).isEqualTo(liveBefore);

            available.set(8L << 30); // Memory freed: the one place the refusal held is free again.
            Session session = guarded.create(null);
            guarded.end(session, "done").get(30, TimeUnit.SECONDS);
        }
        assertThat(seen).containsExactly("refused CAPACITY", "started", "teardown true");
    }

    @Test
    void tokensAreCheckedAndEndingTwiceIsHarmless() throws Exception {
        Session session = registry.create(null);
        assertThat(registry.authorize(session.id(), session.token())).isSameAs(session);
        assertThatThrownBy(() -> registry.authorize(session.id(), session.token() + "x"))
                .extracting(e -> ((SessionException) e).reason()).isEqualTo(SessionException.Reason.TOKEN_WRONG);
        assertThatThrownBy(() -> registry.authorize(session.id(), " "))
                .extracting(e -> ((SessionException) e).reason()).isEqualTo(SessionException.Reason.TOKEN_MISSING);
        var first = registry.end(session, "deleted");
        var second = registry.end(session, "deleted again");
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        assertThat(session.endReason()).contains("deleted");
    }

    @Test
    void aWarmLabHostAndItsShellStartASessionAtOnceAndThePoolStaysWithinCapacity() throws Exception {
        ExecutorService teardownsOfWarm = Executors.newSingleThreadExecutor();
        try (SessionRegistry pooled = new SessionRegistry(LAB.sandbox(),
                new SessionSettings(2, Duration.ofMinutes(30), Duration.ofHours(4), 1), TerminalSettings.defaults(),
                clock, teardownsOfWarm, timers, MemoryGuard.none(), SessionMetrics.NONE)) {
            awaitWarm(pooled, 1);
            Thread.sleep(200);
            long ticksAtCreate = ticksSinceBoot();
            long started = System.nanoTime();
            Session first = pooled.create(null);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(50));
            assertThat(first.labHost().id()).isEqualTo(first.id());
            // Its first terminal took the shell the pool started with the lab host, at the server's priority (the
            // pool's thread runs at a lower one).
            long shell = awaitShell(first);
            assertThat(KernelTests.PROC.stat(shell).startTime())
                    .as("the shell started (in clock ticks since boot) well before the session")
                    .isLessThan(ticksAtCreate - 10);
            List<ProcessHandle> processes = ProcessHandle.of(shell).stream()
                    .flatMap(p -> Stream.concat(Stream.of(p), p.descendants())).toList();
            assertThat(processes).as("nsenter and the login bash").hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(p -> assertThat(KernelTests.nice(p.pid())).as("nice of " + p.pid())
                            .isEqualTo(Niceness.SERVER));
            awaitWarm(pooled, 1);
            pooled.create(null);
            Thread.sleep(300);
            assertThat(pooled.warmCount()).as("no warm lab host beyond the capacity of 2").isZero();
        } finally {
            teardownsOfWarm.shutdown();
            assertThat(teardownsOfWarm.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static long awaitShell(Session session) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (session.terminals().get(1).orElseThrow().pid() < 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return session.terminals().get(1).orElseThrow().pid();
    }

    /** /proc/uptime in clock ticks (USER_HZ, 100 on Linux), the unit of a process's start time. */
    private static long ticksSinceBoot() throws IOException {
        return Math.round(Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]) * 100);
    }

    private static void awaitWarm(SessionRegistry registry, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (registry.warmCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(registry.warmCount()).isEqualTo(count);
    }
}
