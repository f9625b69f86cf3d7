package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * One thread that waits, in one epoll(7) set, on the file descriptors of every terminal and child process
 * of the server: pseudo-terminal masters (output to read) and pidfds (a child has exited). The number of
 * threads is therefore the same for one terminal or five hundred, and a keystroke's echo goes from the kernel
 * to the WebSocket with one wake-up of one thread.
 *
 * <p>Handlers run on the loop thread and must not block: a non-blocking read, a bounded copy, a queued
 * send. Watching is level-triggered, so a handler that stops early (a full frame) is called again. Interest
 * can be dropped and taken up again from any thread (epoll_ctl(2) is safe while another thread waits);
 * each registration carries a token of its own in the event's data, so an event that was already collected
 * for a registration dropped meanwhile (its descriptor perhaps reused) is ignored, never misdelivered.
 */
public final class PollLoop implements Readiness {

    private static final Logger LOG = Logger.getLogger(PollLoop.class.getName());
    private static final int MAX_EVENTS = 256;
    private static volatile PollLoop shared;

    private final int epoll;
    private final Map<Long, Registration> registrations = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final Thread thread;
    /** How many descriptors the current epoll_wait returned; read only on the loop thread. */
    private int batch;

    /** Called on the loop thread with the epoll events (EPOLLIN, EPOLLHUP, EPOLLERR) of a watched descriptor. */
    @FunctionalInterface
    public interface Handler {
        void ready(int events);
    }

    private PollLoop(String name) {
        epoll = C.epoll_create1(Libc.O_CLOEXEC);
        if (epoll < 0) {
            throw new IllegalStateException("epoll_create1: " + Libc.describe(Libc.errno()));
        }
        thread = Niceness.serverThreads(name).newThread(this::run);
        thread.start();
    }

    /** The server's loop, started on first use. */
    public static PollLoop shared() {
        PollLoop loop = shared;
        if (loop == null) {
            synchronized (PollLoop.class) {
                if (shared == null) {
                    shared = new PollLoop("glassbox-poll");
                }
                loop = shared;
            }
        }
        return loop;
    }

    /** Whether the caller runs on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Whether other descriptors were ready along with the one being handled: a handler that could wait a
     * moment for more input (to send a larger frame) should not while others wait for it.
     */
    private boolean othersReady() {
        return batch > 1;
    }

    /** A handler on this loop may linger when no other descriptor waits for it ({@link #othersReady}). */
    @Override
    public boolean mayLinger() {
        return inLoop() && !othersReady();
    }

    /** A descriptor this loop can watch for input; it watches nothing until {@link Registration#watch}. */
    @Override
    public Registration register(int fd, Handler handler) {
        return new Registration(fd, handler);
    }

    private void run() {
        Pointer events = Memory.allocateDirect(Libc.RUNTIME, MAX_EVENTS * Libc.EPOLL_EVENT_SIZE);
        while (true) {
            int n = C.epoll_wait(epoll, events, MAX_EVENTS, -1);
            if (n < 0) {
                int errno = Libc.errno();
                if (!Libc.retry(errno)) {
                    LOG.severe("epoll_wait: " + Libc.describe(errno) + "; terminals stop reading");
                    return;
                }
                continue;
            }
            batch = n;
            for (int i = 0; i < n; i++) {
                long offset = (long) i * Libc.EPOLL_EVENT_SIZE;
                Registration registration = registrations.get(events.getLong(offset + Libc.EPOLL_DATA_OFFSET));
                if (registration != null && registration.watching) {
                    dispatch(registration, events.getInt(offset));
                }
            }
        }
    }

    private static void dispatch(Registration registration, int events) {
        try {
            registration.handler.ready(events);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "descriptor " + registration.fd + " handler failed; it is no longer watched", e);
            registration.unwatch();
        }
    }

    /** One descriptor's place in the loop. */
    public final class Registration implements Watch {
        private final int fd;
        private final Handler handler;
        private volatile boolean watching;
        private long token;

        private Registration(int fd, Handler handler) {
            this.fd = fd;
            this.handler = handler;
        }

        /**
         * Starts (or resumes) calling the handler when the descriptor is readable or hung up. Interest is
         * dropped and added rather than set to nothing, because epoll reports a hang-up even without interest,
         * over and over while level-triggered.
         */
        @Override
        public synchronized void watch() {
            if (watching) {
                return;
            }
            token = tokens.incrementAndGet();
            registrations.put(token, this);
            Pointer event = Memory.allocateDirect(Libc.RUNTIME, Libc.EPOLL_EVENT_SIZE);
            event.putInt(0, Libc.EPOLLIN);
            event.putLong(Libc.EPOLL_DATA_OFFSET, token);
            if (C.epoll_ctl(epoll, Libc.EPOLL_CTL_ADD, fd, event) < 0) {
                registrations.remove(token);
                throw new IllegalStateException("epoll_ctl ADD fd=" + fd + ": " + Libc.describe(Libc.errno()));
            }
            watching = true;
        }

        /** Stops calling the handler; events already collected for it are dropped. Call before closing the fd. */
        @Override
        public synchronized void unwatch() {
            if (!watching) {
                return;
            }
            watching = false;
            registrations.remove(token);
            C.epoll_ctl(epoll, Libc.EPOLL_CTL_DEL, fd, null);
        }

        @Override
        public void close() {
            unwatch();
        }

        public boolean isWatching() {
            return watching;
        }
    }
}
