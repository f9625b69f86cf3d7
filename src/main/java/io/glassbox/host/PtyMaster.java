package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.io.IOException;
import java.util.Arrays;
import jnr.constants.platform.Errno;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The master side of a pseudo-terminal (man 7 pty), non-blocking: reads happen on the {@link PollLoop} when it
 * says output is waiting, and keystrokes are written from whatever thread has them (a WebSocket's event loop)
 * without ever blocking it. Every operation holds this object's lock against {@link #close}, so a read or write
 * never meets a descriptor number that was closed and reused meanwhile.
 */
public final class PtyMaster {

    /** One direct buffer per reading thread (in practice the loop's): reads cost no native allocation. */
    private static final ThreadLocal<Pointer> READ_BUFFERS = new ThreadLocal<>();
    private static final int READ_BUFFER = 64 * 1024;

    private final int fd;
    /** Where output is watched for: the poll loop until {@link #moveTo} names another source. */
    private Readiness readiness = PollLoop.shared();
    private PollLoop.Handler handler;
    private Readiness.Watch registration;
    private boolean watching;
    private boolean closed;

    PtyMaster(int fd) {
        this.fd = fd;
    }

    /** Calls {@code handler} on the loop whenever output (or the hang-up) is waiting, from now on. */
    public synchronized void watch(PollLoop.Handler handler) {
        if (closed) {
            return;
        }
        if (registration == null) {
            this.handler = handler;
            registration = readiness.register(fd, handler);
        }
        watching = true;
        registration.watch();
    }

    /** Stops watching for output (flow control: the program then blocks once the kernel's buffer is full). */
    public synchronized void unwatch() {
        watching = false;
        if (registration != null) {
            registration.unwatch();
        }
    }

    /**
     * Watches for output on {@code other} from now on (the event loop of the client that has control), as it was
     * watched before: the handler, and whether it is paused, carry over. The old source may still call the handler
     * once while the new one does; callers serialise their handler.
     */
    public synchronized void moveTo(Readiness other) {
        if (closed || other.equals(readiness)) {
            return;
        }
        Readiness.Watch old = registration;
        readiness = other;
        if (old != null) {
            registration = other.register(fd, handler);
            if (watching) {
                registration.watch();
            }
            old.close();
        }
    }

    /** Whether the handler, called now, may wait a moment for more output ({@link Readiness#mayLinger}). */
    public synchronized boolean mayLinger() {
        return readiness.mayLinger();
    }

    /**
     * Reads what the program has written without waiting, at most {@code length} bytes into {@code into} at
     * {@code offset}: the count, 0 when nothing is waiting, -1 when the terminal hung up (every process that
     * had it open has closed it: read(2) gives EIO on a master whose slave is gone).
     */
    public synchronized int read(byte[] into, int offset, int length) throws IOException {
        if (closed) {
            return -1;
        }
        Pointer buffer = READ_BUFFERS.get();
        if (buffer == null) {
            buffer = Memory.allocateDirect(Libc.RUNTIME, READ_BUFFER);
            READ_BUFFERS.set(buffer);
        }
        long read = C.read(fd, buffer, Math.min(length, READ_BUFFER));
        if (read > 0) {
            buffer.get(0, into, offset, (int) read);
            return (int) read;
        }
        if (read == 0) {
            return -1;
        }
        int errno = Libc.errno();
        if (Libc.retry(errno)) {
            return 0;
        }
        if (errno == Errno.EIO.intValue()) {
            return -1;
        }
        throw new IOException("read from pty master " + fd + ": " + Libc.describe(errno));
    }

    /** Writes without blocking: how many bytes the terminal took, 0 when its input buffer is full. */
    public synchronized int write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the terminal is closed");
        }
        byte[] slice = offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
        long written = C.write(fd, slice, length);
        if (written >= 0) {
            return (int) written;
        }
        int errno = Libc.errno();
        if (Libc.retry(errno)) {
            return 0;
        }
        throw new IOException("write to pty master " + fd + ": " + Libc.describe(errno));
    }

    /** Sets the window size (TIOCSWINSZ); the kernel sends SIGWINCH to the foreground process group. */
    public synchronized void resize(int columns, int rows) {
        if (!closed) {
            setWindowSize(fd, columns, rows);
        }
    }

    static void setWindowSize(int fd, int columns, int rows) {
        Pointer size = Memory.allocateDirect(Libc.RUNTIME, 8); // struct winsize: rows, columns, x and y pixels
        size.putShort(0, (short) rows);
        size.putShort(2, (short) columns);
        size.putShort(4, (short) 0);
        size.putShort(6, (short) 0);
        if (C.ioctl(fd, Libc.TIOCSWINSZ, size) < 0) {
            throw new IllegalStateException("ioctl TIOCSWINSZ on pty master " + fd + ": " + Libc.describe(Libc.errno()));
        }
    }

    /**
     * Closes the master, which hangs the terminal up: its session leader and foreground jobs get SIGHUP
     * (man 4 tty_ioctl, "Controlling terminal"), as when a terminal window closes.
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (registration != null) {
            registration.close();
        }
        C.close(fd);
    }
}
