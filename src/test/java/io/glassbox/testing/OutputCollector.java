package io.glassbox.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/** Collects a stream's output on a background thread so a test can wait for text to appear. */
public final class OutputCollector {

    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    public OutputCollector(InputStream in) {
        reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    synchronized (text) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        text.notifyAll();
                    }
                }
            } catch (IOException closed) {
                // the terminal went away; what was read stays
            }
        }, "test-output-collector");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until the output so far matches {@code regex} somewhere; fails with the output on timeout. */
    public String await(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (text) {
            while (!pattern.matcher(text).find()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no match for /" + regex + "/ within " + timeout + "; output was:\n" + text);
                }
                try {
                    text.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
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
