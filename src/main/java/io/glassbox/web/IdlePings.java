package io.glassbox.web;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Pings a WebSocket's peer once it has sent nothing for {@code after}, and again every {@code after} while it stays
 * silent, as libwebsockets (ttyd's) does: a learner reading in silence keeps the connection through proxies that cut
 * idle ones (HTTP infrastructure often after 30 to 120 s) and a dead peer is found out, while a learner who types is
 * never pinged. WebSockets Next's auto-ping pinged every connection every 30 s from a timer on its event loop; each
 * ping, its pong and the timer went through the frame path's compiled code, which the JIT had specialised on
 * keystrokes, and sent it back to be compiled again while the learner typed (docs/terminal-engine.md, "The JIT after a
 * terminal opens"). The check runs on the server's terminal timer thread; the event loop does nothing for a
 * connection that is talking.
 */
final class IdlePings {

    private static final Logger LOG = Logger.getLogger(IdlePings.class);
    private static final Buffer PAYLOAD = Buffer.buffer("glassbox");

    private final WebSocketConnection connection;
    private final long afterNanos;
    private final ScheduledExecutorService timers;
    /** When the peer last sent a message; written on its event loop (or a worker), read on the timer thread. */
    private volatile long heardNanos;

    private IdlePings(WebSocketConnection connection, Duration after, ScheduledExecutorService timers) {
        this.connection = connection;
        this.afterNanos = after.toNanos();
        this.timers = timers;
        this.heardNanos = System.nanoTime();
    }

    /** Starts watching {@code connection} until it closes; {@code after} zero or negative pings never. */
    static IdlePings watch(WebSocketConnection connection, Duration after, ScheduledExecutorService timers) {
        IdlePings pings = new IdlePings(connection, after, timers);
        if (pings.afterNanos > 0) {
            pings.checkIn(pings.afterNanos);
        }
        return pings;
    }

    /** The peer sent a message: no ping until it has been silent for {@code after} again. */
    void heard() {
        heardNanos = System.nanoTime();
    }

    private void check() {
        if (connection.isClosed()) {
            return;
        }
        long quietFor = System.nanoTime() - heardNanos;
        if (quietFor < afterNanos) {
            checkIn(afterNanos - quietFor);
            return;
        }
        connection.sendPing(PAYLOAD).subscribe().with(ok -> { },
                failure -> LOG.debugf(failure, "ping to idle connection %s failed", connection.id()));
        checkIn(afterNanos);
    }

    private void checkIn(long nanos) {
        try {
            timers.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // The server is stopping: its connections close with it.
        }
    }
}
