package io.glassbox.terminal;

import io.glassbox.host.ChildProcess;
import io.glassbox.host.PollLoop;
import io.glassbox.host.PtyChild;
import io.glassbox.host.PtyMaster;
import io.glassbox.host.Readiness;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * A {@link Pty} on the server's {@link io.glassbox.host.PollLoop}: the master is non-blocking, the loop
 * reads it when the kernel says output waits, and the child is reaped through its pidfd, so a terminal costs
 * no thread of its own. Once a client takes control its output is read on that client's event loop instead
 * ({@link #readOn}). Keystrokes are written from the caller's thread (a WebSocket's event loop) straight
 * to the master.
 *
 * <p>One readiness event gathers everything the program has written, up to a 64 KiB frame (a pty hands out
 * at most a few KiB per read(2)): a keystroke's echo leaves at once, a flood leaves in large frames (see
 * {@link #BULK}).
 *
 * <p>The end is reported once the program has exited and the terminal has hung up (every process let go of
 * it). A background job the shell left behind would keep it open, so {@link #HANG_UP_AFTER_EXIT_MS} after the
 * program's exit the terminal is hung up anyway (the job then reads end-of-file and gets EIO on writing), as
 * a closed terminal window does.
 */
public final class NativePty implements Pty {

    private static final Logger LOG = Logger.getLogger(NativePty.class.getName());
    private static final int FRAME = 64 * 1024;
    /** The loop's frame buffer; listeners copy what they keep, so every terminal can share it. */
    private static final ThreadLocal<byte[]> FRAMES = ThreadLocal.withInitial(() -> new byte[FRAME]);
    /**
     * Output this large in one readiness event means a program printing in bulk: more is a moment away, so
     * the loop lingers 100 us for it, a few times at most, and sends one large frame instead of many small ones
     * (a keystroke's echo never lingers). It lingers only on the poll loop when no other terminal was ready in
     * the same epoll_wait, and at most 0.4 ms, so one flood does not hold up the others; never on an event loop,
     * whose other connections it cannot see.
     */
    private static final int BULK = 2 * 1024;
    private static final long LINGER_NANOS = 100_000;
    private static final int MAX_LINGERS = 4;
    /** How long output may still arrive after the program exited (the kernel passes pty output on asynchronously). */
    private static final long HANG_UP_AFTER_EXIT_MS = 200;
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;

    private final PtyMaster master;
    private final ChildProcess process;
    /** Held while output or the end is handed to the listener: its calls come from one thread at a time. */
    private final Object delivery = new Object();
    private Listener listener;
    private boolean hungUp;
    private boolean paused;
    private boolean exited;
    private int status;
    private boolean ended;
    /**
     * Where output is read unless it comes in bulk: the event loop of the client in control ({@link #readOn}), or
     * null for the poll loop. A flood is read on the poll loop, where the reader may linger for larger frames (an
     * event loop must not wait: its other connections would), and goes home once output comes in small reads again.
     */
    private volatile Readiness home;

    public NativePty(PtyChild child) {
        this.master = child.master();
        this.process = child.process();
    }

    @Override
    public void start(Listener listener) {
        synchronized (this) {
            this.listener = listener;
            master.watch(this::ready);
        }
        process.onExit().thenAccept(this::exited);
    }

    /** On the loop: the master is readable, or hung up. */
    private void ready(int events) {
        synchronized (delivery) {
            deliver();
        }
    }

    private void deliver() {
        byte[] frame = FRAMES.get();
        int n = 0;
        boolean eof = false;
        int lingers = 0;
        try {
            while (n < FRAME) {
                int wanted = FRAME - n;
                int got = master.read(frame, n, wanted);
                if (got < 0) {
                    eof = true;
                    break;
                }
                if (got == 0) {
                    if (n < BULK || lingers == MAX_LINGERS || !master.mayLinger()) {
                        break;
                    }
                    lingers++;
                    LockSupport.parkNanos(LINGER_NANOS);
                    continue;
                }
                n += got;
                if (got < wanted && n < BULK) {
                    // A short read took all the terminal had: the next read(2) would only say so (EAGAIN). The
                    // source calls again when more is waiting, so a keystroke's echo costs one read, as in libuv.
                    break;
                }
            }
        } catch (IOException e) {
            LOG.warning(e.getMessage() + "; treating the terminal as hung up");
            eof = true;
        }
        Readiness away = home;
        if (away != null && !eof) {
            master.moveTo(n >= BULK ? PollLoop.shared() : away);
        }
        if (n > 0) {
            listener.output(frame, n);
        }
        if (eof) {
            master.unwatch();
            synchronized (this) {
                hungUp = true;
            }
            endIfDone();
        }
    }

    private void exited(int exitStatus) {
        synchronized (this) {
            exited = true;
            status = exitStatus;
        }
        if (!endIfDone()) {
            CompletableFuture.delayedExecutor(HANG_UP_AFTER_EXIT_MS, TimeUnit.MILLISECONDS).execute(this::hangUpAfterExit);
        }
    }

    /** The program has gone but something it started still holds the terminal: deliver what is left, end. */
    private void hangUpAfterExit() {
        synchronized (delivery) {
            synchronized (this) {
                if (ended) {
                    return;
                }
            }
            master.unwatch();
            deliver();
            synchronized (this) {
                hungUp = true;
            }
            endIfDone();
        }
    }

    /**
     * Reports the end once the terminal has hung up and the program has been reaped, whichever came last;
     * closing the master hangs up whatever still holds the terminal. Whether it has ended.
     */
    private boolean endIfDone() {
        synchronized (delivery) {
            synchronized (this) {
                if (ended) {
                    return true;
                }
                if (!hungUp || !exited) {
                    return false;
                }
                ended = true;
            }
            master.close();
            listener.ended(status);
            return true;
        }
    }

    /**
     * Reads the output on {@code readiness} from now on: the event loop that writes it to the client in control, so
     * a keystroke's echo wakes one thread instead of two (docs/terminal-engine.md).
     */
    public void readOn(Readiness readiness) {
        home = readiness;
        master.moveTo(readiness);
    }

    @Override
    public synchronized void pause() {
        if (!paused) {
            paused = true;
            master.unwatch();
        }
    }

    @Override
    public synchronized void resume() {
        if (paused) {
            paused = false;
            if (!hungUp) {
                master.watch(this::ready);
            }
        }
    }

    @Override
    public int write(byte[] bytes, int offset, int length) throws IOException {
        return master.write(bytes, offset, length);
    }

    @Override
    public void resize(int columns, int rows) {
        if (process.isAlive()) {
            master.resize(columns, rows);
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Whether the program still runs (a shell started ahead of its terminal may have been killed meanwhile). */
    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        synchronized (this) {
            hungUp = true; // we hang it up: the end is reported when the program has gone
        }
        master.close();
        process.signal(SIGTERM);
        try {
            process.onExit().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.signal(SIGKILL);
        } catch (InterruptedException e) {
            process.signal(SIGKILL);
            Thread.currentThread().interrupt();
        }
        endIfDone();
    }
}
