package io.glassbox.web;

import io.glassbox.host.PollLoop;
import io.glassbox.host.Readiness;
import io.glassbox.host.SelectableDup;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.nio.NioTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A web server's event loop as the {@link Readiness} of a terminal's output: the pty master, made selectable
 * ({@link SelectableDup}), is registered in the loop's Netty NIO selector, so the loop that writes the terminal's
 * frames to its client also reads them, as ttyd's one libuv loop does. Measured, this took a keystroke's echo at 10
 * and 50 typing sessions from 1.1-1.2x ttyd's p50 to 0.8-0.95x (docs/terminal-engine.md).
 *
 * <p>Netty's {@code NioEventLoop.register(channel, ops, NioTask)} is public; the selector it registers in is
 * package-private ({@code unwrappedSelector()}, looked up once), needed for the key whose interest flow control
 * turns off and on. Every change to the key happens on the loop. A handler here must never wait: the loop serves
 * every connection on it ({@link #mayLinger} is false).
 */
final class EventLoopReadiness implements Readiness {

    private static final Logger LOG = Logger.getLogger(EventLoopReadiness.class);
    private static final MethodHandle SELECTOR = PrivateMembers.method(NioEventLoop.class,
            "unwrappedSelector", MethodType.methodType(Selector.class, NioEventLoop.class));

    private final NioEventLoop loop;
    private final Selector selector;

    private EventLoopReadiness(NioEventLoop loop, Selector selector) {
        this.loop = loop;
        this.selector = selector;
    }

    /** {@code loop} as a readiness source, if it is Netty's NIO loop and descriptors can be made selectable. */
    static Optional<Readiness> of(EventLoop loop) {
        if (SELECTOR == null || !SelectableDup.available() || !(loop instanceof NioEventLoop nio)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EventLoopReadiness(nio, (Selector) SELECTOR.invoke(nio)));
        } catch (Throwable unexpected) {
            return Optional.empty();
        }
    }

    /** Whether this Netty and JDK have what is reached for (for the test that guards upgrades). */
    static boolean available() {
        return SELECTOR != null && SelectableDup.available();
    }

    /** The same loop is the same source: moving a terminal to the loop it is read on changes nothing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EventLoopReadiness that && that.loop == loop;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(loop);
    }

    @Override
    public boolean mayLinger() {
        return false;
    }

    @Override
    public Watch register(int fd, PollLoop.Handler handler) {
        try {
            return new LoopWatch(SelectableDup.of(fd), handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch pty master " + fd + " on " + loop, e);
        }
    }

    /** One descriptor in the loop's selector. */
    private final class LoopWatch implements Watch {

        private final SelectableChannel channel;
        private final PollLoop.Handler handler;
        /** Whether the handler is wanted; the key's interest follows it on the loop. */
        private volatile boolean watching;
        private volatile boolean closed;
        /** Set on the loop once registered; read and changed only on the loop. */
        private SelectionKey key;

        LoopWatch(SelectableChannel channel, PollLoop.Handler handler) {
            this.channel = channel;
            this.handler = handler;
            onLoop(this::registerOnLoop);
        }

        private void registerOnLoop() {
            if (closed) {
                return;
            }
            // Netty wants some interest to register with; the right one is set below, before the loop selects again
            loop.register(channel, SelectionKey.OP_READ, new NioTask<SelectableChannel>() {
                @Override
                public void channelReady(SelectableChannel ready, SelectionKey readyKey) {
                    if (watching && !closed) {
                        try {
                            handler.ready(1);
                        } catch (RuntimeException | Error e) {
                            LOG.errorf(e, "terminal output handler failed on %s; the terminal is no longer read", loop);
                            watching = false;
                            readyKey.interestOps(0);
                        }
                    } else {
                        readyKey.interestOps(0);
                    }
                }

                @Override
                public void channelUnregistered(SelectableChannel unregistered, Throwable cause) {
                    if (cause != null) {
                        LOG.warnf("terminal output no longer watched on %s: %s", loop, cause.toString());
                    }
                }
            });
            key = channel.keyFor(selector);
            applyInterest();
        }

        private void applyInterest() {
            if (key != null && key.isValid()) {
                key.interestOps(watching && !closed ? SelectionKey.OP_READ : 0);
            }
        }

        @Override
        public void watch() {
            watching = true;
            onLoop(this::applyInterest);
        }

        @Override
        public void unwatch() {
            watching = false;
            onLoop(this::applyInterest);
        }

        @Override
        public void close() {
            closed = true;
            watching = false;
            if (!onLoop(this::closeOnLoop)) {
                closeOnLoop(); // the loop has stopped: nothing selects any more
            }
        }

        private void closeOnLoop() {
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing the selectable duplicate of a pty master: %s", e.getMessage());
            }
        }

        /** Runs {@code task} on the loop, after every task queued before; false if the loop has stopped. */
        private boolean onLoop(Runnable task) {
            try {
                loop.execute(task);
                return true;
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                return false;
            }
        }
    }
}
