package io.glassbox.testing;

import io.glassbox.terminal.Pty;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/** Collects a terminal's output, as its {@link Pty.Listener}, so a test can wait for text or the program's end. */
public final class OutputCollector implements Pty.Listener {

    private final StringBuffer text = new StringBuffer();
    private Integer exitStatus;

    @Override
    public void output(byte[] bytes, int length) {
        synchronized (text) {
            text.append(new String(bytes, 0, length, StandardCharsets.UTF_8));
            text.notifyAll();
        }
    }

    @Override
    public void ended(int status) {
        synchronized (text) {
            exitStatus = status;
            text.notifyAll();
        }
    }

    /** Waits for the terminal's program to end and returns its exit status; fails on timeout. */
    public int awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (text) {
            while (exitStatus == null) {
                waitUntil(deadline, "the program to end", timeout);
            }
            return exitStatus;
        }
    }

    private void waitUntil(long deadline, String what, Duration timeout) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("no " + what + " within " + timeout + "; output was:\n" + text);
        }
        try {
            text.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits until the output so far matches {@code regex} somewhere; fails with the output on timeout. */
    public String await(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (text) {
            while (!pattern.matcher(text).find()) {
                waitUntil(deadline, "match for /" + regex + "/", timeout);
            }
            return text.toString();
        }
    }

    public String text() {
        return text.toString();
    }

    /** Forgets what was read so far, so the next wait only sees new output. */
    public void clear() {
        synchronized (text) {
            text.setLength(0);
        }
    }
}
