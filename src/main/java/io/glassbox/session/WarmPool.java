package io.glassbox.session;

import io.glassbox.host.Niceness;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.Sandbox;
import io.glassbox.terminal.LabShells;
import io.glassbox.terminal.NativePty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Lab hosts started ahead of demand, so that a learner who starts a session waits for nothing but a
 * WebSocket: starting a lab host takes a tenth of a second on a quiet machine and more on a busy one (the
 * kernel tears network namespaces down in the background). The pool only fills while the capacity leaves
 * room beside the running sessions, so it never makes the server hold more lab hosts than
 * glassbox.sessions.max. A start that fails (a machine so loaded that a lab host's namespaces time out) is tried
 * again after a pause that doubles up to a minute, so a passing overload never leaves the pool short until the
 * next learner comes.
 *
 * <p>Each warm lab host has its first login shell started too, at the server's priority: a new shell waits about
 * 10 ms for the kernel to let it join the lab's cgroups (a cgroup v1 migration waits for an RCU grace period) and
 * as long again for nsenter and bash, and with the shell started ahead the learner's first prompt is waiting in its
 * pty when the WebSocket opens.
 */
final class WarmPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WarmPool.class);

    private final Sandbox sandbox;
    private final int target;
    private final int max;
    private final IntSupplier inUse;
    private final Supplier<String> ids;
    private final ExecutorService provisioner;
    private final ConcurrentLinkedDeque<Warm> ready = new ConcurrentLinkedDeque<>();
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile boolean closed;

    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    /**
     * @param inUse lab hosts held by sessions (running or being torn down)
     * @param provisioner where lab hosts are started, one at a time, off request threads
     */
    WarmPool(Sandbox sandbox, int target, int max, IntSupplier inUse, Supplier<String> ids, ExecutorService provisioner) {
        this.sandbox = sandbox;
        this.target = target;
        this.max = max;
        this.inUse = inUse;
        this.ids = ids;
        this.provisioner = provisioner;
    }

    /** A lab host started ahead and its first shell (null if that could not start: the terminal starts one). */
    record Warm(LabHost host, NativePty shell) {

        void discard(Sandbox sandbox) {
            if (shell != null) {
                shell.close();
            }
            sandbox.destroy(host);
        }
    }

    /** A ready lab host, if one is waiting (and still alive); the pool refills behind it. */
    Optional<Warm> take() {
        for (Warm warm = ready.poll(); warm != null; warm = ready.poll()) {
            if (Files.isDirectory(Path.of("/proc", Long.toString(warm.host().initPid())))) {
                refill();
                return Optional.of(warm);
            }
            LOG.warnf("warm lab host %s died while waiting; discarding it", warm.host().id());
            warm.discard(sandbox);
        }
        refill();
        return Optional.empty();
    }

    int size() {
        return ready.size();
    }

    /** Starts lab hosts in the background until the pool is full or the capacity has no room left. */
    synchronized void refill() {
        while (!closed && wanted()) {
            starting.incrementAndGet();
            provisioner.execute(this::startOne);
        }
    }

    private boolean wanted() {
        int pooled = ready.size() + starting.get();
        return pooled < target && inUse.getAsInt() + pooled < max;
    }

    private void startOne() {
        try {
            if (!closed) {
                LabHost host = sandbox.create(ids.get());
                ready.add(new Warm(host, firstShell(host)));
                failuresInARow.set(0);
            }
        } catch (RuntimeException e) {
            Duration pause = retryAfter(failuresInARow.incrementAndGet());
            LOG.warnf(e, "could not start a warm lab host (%d in a row); trying again in %d s, sessions meanwhile"
                    + " start theirs on demand", failuresInARow.get(), pause.toSeconds());
            retryIn(pause);
            return;
        } finally {
            starting.decrementAndGet();
        }
        if (closed) {
            close();
        }
    }

    private static NativePty firstShell(LabHost host) {
        try {
            return Niceness.asServer(() -> LabShells.start(host));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not start the first shell of warm lab host %s; its terminal will start one", host.id());
            return null;
        }
    }

    /** 2 s after the first failure, doubling up to a minute. */
    static Duration retryAfter(int failuresInARow) {
        int doublings = Math.min(Math.max(failuresInARow - 1, 0), 10);
        Duration pause = FIRST_RETRY.multipliedBy(1L << doublings);
        return pause.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause;
    }

    private void retryIn(Duration pause) {
        try {
            CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS, provisioner).execute(this::refill);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Tears down every waiting lab host; the pool takes no more. */
    @Override
    public void close() {
        closed = true;
        for (Warm warm = ready.poll(); warm != null; warm = ready.poll()) {
            warm.discard(sandbox);
        }
    }
}
