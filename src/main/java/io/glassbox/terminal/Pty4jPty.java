package io.glassbox.terminal;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import com.pty4j.unix.UnixPtyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jnr.constants.platform.Errno;
import jnr.constants.platform.Fcntl;
import jnr.constants.platform.OpenFlags;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * A {@link Pty} backed by pty4j, whose master side is switched to non-blocking mode so that keystrokes can
 * be written from a WebSocket's event loop: a write that would block (the program stopped reading) returns
 * at once instead of stalling every connection that loop serves. pty4j's reader polls before it reads, so it
 * is unaffected; {@link #readNow} reads the master directly, because pty4j's {@code available()} is always 0.
 */
public final class Pty4jPty implements Pty {

    private static final POSIX POSIX = POSIXFactory.getNativePOSIX();

    private final PtyProcess process;
    private final int master;

    public Pty4jPty(PtyProcess process) {
        this.process = process;
        this.master = ((UnixPtyProcess) process).getPty().getMasterFD();
        int flags = POSIX.fcntl(master, Fcntl.F_GETFL);
        if (flags < 0 || POSIX.fcntlInt(master, Fcntl.F_SETFL, flags | OpenFlags.O_NONBLOCK.intValue()) < 0) {
            throw new IllegalStateException("fcntl F_SETFL O_NONBLOCK on pty master " + master + ": "
                    + Errno.valueOf(POSIX.errno()));
        }
    }

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    @Override
    public int readNow(byte[] buffer) throws IOException {
        int read = POSIX.read(master, buffer, buffer.length);
        if (read > 0) {
            return read;
        }
        if (read == 0) {
            return -1;
        }
        int errno = POSIX.errno();
        if (errno == Errno.EAGAIN.intValue() || errno == Errno.EINTR.intValue()) {
            return 0;
        }
        if (errno == Errno.EIO.intValue()) {
            return -1; // the slave side is closed: every process on the terminal has gone
        }
        throw new IOException("read from pty master: " + Errno.valueOf(errno));
    }

    @Override
    public int write(byte[] bytes, int offset, int length) throws IOException {
        byte[] slice = offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
        int written = POSIX.write(master, slice, length);
        if (written >= 0) {
            return written;
        }
        int errno = POSIX.errno();
        if (errno == Errno.EAGAIN.intValue() || errno == Errno.EINTR.intValue()) {
            return 0;
        }
        throw new IOException("write to pty master: " + Errno.valueOf(errno));
    }

    @Override
    public void resize(int columns, int rows) {
        if (process.isAlive()) {
            process.setWinSize(new WinSize(columns, rows));
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        try {
            // Closing the master side hangs the terminal up: its session leader and foreground jobs get
            // SIGHUP (man 4 tty_ioctl, "Controlling terminal"), which is how a shell learns its window closed.
            process.getOutputStream().close();
            process.getInputStream().close();
        } catch (IOException alreadyClosed) {
            // nothing left to hang up
        }
        process.destroy();
        try {
            // onExit, not waitFor(timeout): pty4j overrides only waitFor(), so the JDK's timed default polls every
            // 100 ms, and every DELETE of a session took 100 ms longer than the shell needed to go.
            process.onExit().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
