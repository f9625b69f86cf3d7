package io.glassbox.terminal;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/** A {@link Pty} backed by pty4j. */
public final class Pty4jPty implements Pty {

    private final PtyProcess process;

    public Pty4jPty(PtyProcess process) {
        this.process = process;
    }

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    @Override
    public OutputStream input() {
        return process.getOutputStream();
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
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
