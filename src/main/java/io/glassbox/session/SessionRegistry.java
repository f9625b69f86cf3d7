package io.glassbox.session;

import io.glassbox.host.Niceness;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.NeighbourCount;
import io.glassbox.sandbox.NeighbourGuard;
import io.glassbox.sandbox.Sandbox;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.terminal.LabShells;
import io.glassbox.terminal.Terminal;
import io.glassbox.terminal.TerminalSettings;
import io.glassbox.terminal.Terminals;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The one owner of session lifecycles: creates a lab host per session within the capacity limit, finds
 * sessions by id and token, ends them on request or when idle or too old, and tears their lab hosts down on
 * a background executor. Capacity is released only when a teardown has finished, so a burst of deletes
 * followed by creates never runs more lab hosts than configured.
 */
public final class SessionRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** WebSocket close code 1001: the endpoint is going away. */
    private static final int GOING_AWAY = 1001;

    private final Sandbox sandbox;
    private final SessionSettings settings;
    private final TerminalSettings terminalSettings;
    private final Clock clock;
    private final ExecutorService teardowns;
    private final ScheduledExecutorService timers;
    private final ExecutorService provisioner;
    private final WarmPool warm;
    private final MemoryGuard memory;
    private final SessionMetrics metrics;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Session, Terminal>> quietListeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> ending = new ConcurrentHashMap<>();
    private final NeighbourGuard neighbours;
    private final SessionIds ids;
    private final ScheduledExecutorService neighbourWatch;
    private volatile SessionTaps taps = SessionTaps.NONE;

    /**
     * @param teardowns runs lab host teardowns, off request threads
     * @param timers runs terminal grace periods and coalesced resizes
     * @param memory refuses sessions the machine's memory could not hold
     */
    public SessionRegistry(Sandbox sandbox, SessionSettings settings, TerminalSettings terminalSettings, Clock clock,
            ExecutorService teardowns, ScheduledExecutorService timers, MemoryGuard memory, SessionMetrics metrics) {
        this(sandbox, settings, terminalSettings, clock, teardowns, timers, memory, metrics, SessionIds.single());
    }

    /** @param ids makes session ids: on one node of several, ids the load balancer routes to this node */
    public SessionRegistry(Sandbox sandbox, SessionSettings settings, TerminalSettings terminalSettings, Clock clock,
            ExecutorService teardowns, ScheduledExecutorService timers, MemoryGuard memory, SessionMetrics metrics,
            SessionIds ids) {
        this.ids = ids;
        this.sandbox = sandbox;
        this.memory = memory;
        this.metrics = metrics;
        this.settings = settings;
        this.terminalSettings = terminalSettings;
        this.clock = clock;
        this.teardowns = teardowns;
        this.timers = timers;
        this.provisioner = Executors.newSingleThreadExecutor(Niceness.backgroundThreads("glassbox-warm-pool"));
        this.warm = new WarmPool(sandbox, settings.warm(), settings.max(), reserved::get, ids::next,
                provisioner);
        warm.refill();
        this.neighbours = NeighbourGuard.of(sandbox);
        neighbours.makeRoom(settings.max());
        // Every second, not only at reap(): a neighbour flood grows by 180,000 unpaid entries a second.
        this.neighbourWatch = Executors.newSingleThreadScheduledExecutor(
                Niceness.serverThreads("glassbox-neighbour-watch"));
        neighbourWatch.scheduleWithFixedDelay(() -> endOverNeighbourLimit(true), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Creates a session and its lab host, following {@code lesson} from its first stage (null: a free
     * sandbox). Takes a warm lab host when one waits, else starts one (a fraction of a second).
     */
    public Session create(Lesson lesson) {
        return create(lesson, null, List.of());
    }

    /**
     * Creates a session for {@code owner} (a workshop learner's id; null: anonymous) that continues {@code lesson}
     * after {@code passedStages}: its progress starts at the first stage not among them. The lab host itself is
     * fresh; {@link FastForward} brings it there.
     */
    public Session create(Lesson lesson, String owner, Collection<String> passedStages) {
        long started = System.nanoTime();
        if (reserved.incrementAndGet() > settings.max()) {
            reserved.decrementAndGet();
            metrics.sessionRefused(SessionException.Reason.CAPACITY);
            throw new SessionException(SessionException.Reason.CAPACITY, "All " + settings.max()
                    + " lab hosts are in use. Try again in a few minutes, or ask the instructor to raise"
                    + " glassbox.sessions.max.");
        }
        try {
            memory.admit();
            WarmPool.Warm taken = warm.take().orElseGet(() -> new WarmPool.Warm(sandbox.create(ids.next()), null));
            LabHost host = taken.host();
            String id = host.id();
            String lessonId = lesson == null ? null : lesson.id();
            SessionTaps tapping = taps;
            Terminals terminals = new Terminals(host.hostname(), LabShells.of(host, taken.shell()), terminalSettings,
                    timers, terminal -> quiet(id, terminal), tab -> tapping.tap(id, owner, lessonId, tab));
            // The first shell (started by the warm pool, or now) boots while the answer travels and the browser
            // opens its WebSocket.
            terminals.get(1).ifPresent(terminal -> timers.execute(
                    () -> terminal.start(Terminal.COLUMNS, Terminal.ROWS)));
            Session session = new Session(id, newToken(), newToken(), host, terminals,
                    lesson == null ? null : LessonProgress.resume(lesson, passedStages), clock.instant(), owner);
            sessions.put(id, session);
            metrics.sessionStarted(Duration.ofNanos(System.nanoTime() - started));
            return session;
        } catch (RuntimeException e) {
            reserved.decrementAndGet();
            if (e instanceof SessionException refused) {
                metrics.sessionRefused(refused.reason());
            }
            throw e;
        }
    }

    /** The session with {@code id}, whatever token the caller holds. */
    public Session get(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            throw new SessionException(SessionException.Reason.NOT_FOUND, "There is no session " + id
                    + ". It may have ended (sessions end when deleted, idle or too old); start a new one.");
        }
        return session;
    }

    /** The session with {@code id}, if {@code token} is its token. */
    public Session authorize(String id, String token) {
        Session session = get(id);
        if (token == null || token.isBlank()) {
            throw new SessionException(SessionException.Reason.TOKEN_MISSING,
                    "This request needs the session's token (Authorization: Bearer <token>).");
        }
        if (!session.acceptsToken(token)) {
            throw new SessionException(SessionException.Reason.TOKEN_WRONG, "That token does not belong to session " + id + ".");
        }
        return session;
    }

    /**
     * Ends {@code session}: it disappears from the registry at once and its lab host is torn down in the
     * background. The returned future completes when the teardown has finished.
     */
    public CompletableFuture<Void> end(Session session, String reason) {
        return end(session, reason, GOING_AWAY, "session ended: " + reason);
    }

    /**
     * Ends {@code session} as {@link #end(Session, String)} does, closing its terminals' connections with
     * {@code closeCode} and {@code closeReason}, which tell a page what to do next (e.g. start again after a reset).
     */
    public CompletableFuture<Void> end(Session session, String reason, int closeCode, String closeReason) {
        if (!session.markEnding(reason)) {
            return ending.getOrDefault(session.id(), CompletableFuture.completedFuture(null));
        }
        sessions.remove(session.id());
        endListeners.forEach(listener -> listener.accept(session));
        session.terminals().close(closeCode, closeReason);
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> teardown(session), teardowns);
        ending.put(session.id(), done);
        done.whenComplete((ignored, failure) -> ending.remove(session.id()));
        return done;
    }

    private void teardown(Session session) {
        long started = System.nanoTime();
        try {
            sandbox.destroy(session.labHost());
            metrics.teardownFinished(Duration.ofNanos(System.nanoTime() - started), true);
            LOG.infof("session %s ended (%s)", session.id(), session.endReason().orElse("?"));
        } catch (RuntimeException e) {
            metrics.teardownFinished(Duration.ofNanos(System.nanoTime() - started), false);
            LOG.errorf(e, "teardown of session %s failed; its leftovers are removed at the next start", session.id());
        } finally {
            reserved.decrementAndGet();
            warm.refill();
        }
    }

    /**
     * Ends every session idle for longer than the idle timeout or older than the maximum lifetime, and every
     * session whose learner created more cgroups than {@link Sandbox#LEARNER_CGROUPS_MAX} (v1 cannot refuse them)
     * or holds more neighbour entries than {@link NeighbourCount#LAB_MAX} (the kernel cannot refuse them).
     */
    public void reap() {
        endOverNeighbourLimit(false);
        Instant now = clock.instant();
        for (Session session : sessions.values()) {
            if (sandbox.learnerCgroups(session.labHost()) > Sandbox.LEARNER_CGROUPS_MAX) {
                end(session, "created more than " + Sandbox.LEARNER_CGROUPS_MAX + " cgroups");
            } else if (Duration.between(session.created(), now).compareTo(settings.maxLifetime()) > 0) {
                end(session, "reached the maximum lifetime of " + settings.maxLifetime().toMinutes() + " min");
            } else if (Duration.between(session.lastActive(), now).compareTo(settings.idleTimeout()) > 0) {
                end(session, "idle for more than " + settings.idleTimeout().toMinutes() + " min");
            }
        }
    }

    /** With {@code onlyIfGrew}, counts only when the machine's tables jumped; never throws (a scheduled task). */
    private void endOverNeighbourLimit(boolean onlyIfGrew) {
        try {
            if (onlyIfGrew && !neighbours.grew()) {
                return;
            }
            Map<LabHost, Session> byHost = new HashMap<>();
            sessions.values().forEach(session -> byHost.put(session.labHost(), session));
            for (LabHost host : neighbours.overLimit(byHost.keySet())) {
                end(byHost.get(host), "holds more than " + NeighbourCount.LAB_MAX + " neighbour (ARP/NDP) entries");
            }
        } catch (RuntimeException e) {
            LOG.warn("counting the lab hosts' neighbour entries failed; trying again at the next check", e);
        }
    }

    /** Called (on the terminal timer thread) when a terminal of a session goes quiet; listeners must not block. */
    public void onQuiet(BiConsumer<Session, Terminal> listener) {
        quietListeners.add(listener);
    }

    private void quiet(String id, Terminal terminal) {
        Session session = sessions.get(id);
        if (session != null) {
            quietListeners.forEach(listener -> listener.accept(session, terminal));
        }
    }

    /** Taps the terminals of sessions created from now on (recordings). */
    public void tapWith(SessionTaps taps) {
        this.taps = taps;
    }

    /** Called with each session as it starts ending (terminals close their sockets). */
    public void onEnd(Consumer<Session> listener) {
        endListeners.add(listener);
    }

    /** The running session {@code owner} has, if any (a learner has at most one at a time). */
    public Optional<Session> ownedBy(String owner) {
        return sessions.values().stream().filter(s -> s.owner().filter(owner::equals).isPresent()).findFirst();
    }

    public Collection<Session> running() {
        return List.copyOf(sessions.values());
    }

    /** Lab hosts started ahead of demand and waiting for a session. */
    public int warmCount() {
        return warm.size();
    }

    public int endingCount() {
        return ending.size();
    }

    public SessionSettings settings() {
        return settings;
    }

    public TerminalSettings terminalSettings() {
        return terminalSettings;
    }

    public Clock clock() {
        return clock;
    }

    /** Ends every session and waits (bounded) for their teardowns. */
    @Override
    public void close() {
        warm.close();
        provisioner.shutdownNow();
        neighbourWatch.shutdownNow();
        running().forEach(s -> end(s, "server shutting down"));
        // Including sessions that were ending already (deleted just before): the sandbox closes after this, and
        // their teardowns still need its outside network.
        List<CompletableFuture<Void>> all = List.copyOf(ending.values());
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("not every lab host was torn down at shutdown; the next start removes the rest", e);
        }
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
