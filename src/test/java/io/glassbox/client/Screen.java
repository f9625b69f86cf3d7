package io.glassbox.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * What a terminal showed and ways to wait for it: every byte of output is counted, the last {@code keep}
 * bytes are kept (a flood must not fill the client's heap), and output is recorded on the thread that
 * receives it, so the wake-up of a waiting thread never counts in a measured latency.
 *
 * <p>Two kinds of wait: {@code waitFor...} answer false on timeout or when the connection ended (an attack's
 * effect is what it observes), {@code await...} throw an {@link AssertionError} that shows the output's end.
 */
public abstract class Screen {

    /** Terminal control sequences (CSI such as bracketed paste mode, OSC such as window titles). */
    public static final Pattern ANSI = Pattern.compile(
            "\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)|\u001b[()][0-9A-B]|\u001b[=>]");
    private static final AtomicInteger MARKS = new AtomicInteger(1000);

    private final int keep;
    private byte[] kept;
    private int length;
    private long dropped; // bytes received before kept[0]
    private long frames;
    private byte echoKey;
    private long echoSentNanos;
    private long echoNanos = -1;
    private boolean echoPending;
    private String ended;

    protected Screen(int keep) {
        this.keep = keep;
        this.kept = new byte[Math.min(keep, 1 << 16)];
    }

    /** Sends terminal input (keystrokes). Never throws: on a dead connection the input is lost. */
    public abstract void send(byte[] bytes);

    /** A name for messages: which terminal this is. */
    public abstract String name();

    public void type(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Records output that arrived at {@code nanos}; {@code endOfFrame} counts a frame. */
    protected synchronized void arrived(byte[] bytes, int offset, int count, long nanos, boolean endOfFrame) {
        if (length + count > kept.length) {
            makeRoom(count);
        }
        int skip = Math.max(0, count - kept.length); // more than is kept in one go: only its end stays
        dropped += skip;
        System.arraycopy(bytes, offset + skip, kept, length, count - skip);
        length += count - skip;
        if (endOfFrame) {
            frames++;
        }
        if (echoPending && indexOf(bytes, offset, count, echoKey) >= 0) {
            echoNanos = nanos - echoSentNanos;
            echoPending = false;
        }
        notifyAll();
    }

    /** Grows the buffer up to twice {@code keep}, then keeps only the last {@code keep} bytes. */
    private void makeRoom(int count) {
        if (kept.length < 2 * keep) {
            kept = Arrays.copyOf(kept, (int) Math.min(2L * keep, Math.max(2L * kept.length, (long) length + count)));
            if (length + count <= kept.length) {
                return;
            }
        }
        int drop = Math.min(length, Math.max(length - keep, length + count - kept.length));
        System.arraycopy(kept, drop, kept, 0, length - drop);
        length -= drop;
        dropped += drop;
    }

    /** The connection ended (closed, or the shell went away): waits stop waiting. */
    protected synchronized void ended(String why) {
        ended = why;
        notifyAll();
    }

    public synchronized boolean isEnded() {
        return ended != null;
    }

    /** Bytes of output received so far. */
    public synchronized long received() {
        return dropped + length;
    }

    /** Binary frames (or other output chunks) received so far. */
    public synchronized long frames() {
        return frames;
    }

    /** The output kept, as UTF-8. */
    public synchronized String text() {
        return new String(kept, 0, length, StandardCharsets.UTF_8);
    }

    /** The output after the first {@code skip} bytes received, as far as it is still kept. */
    public synchronized String textAfter(long skip) {
        int from = keptIndex(skip);
        return new String(kept, from, length - from, StandardCharsets.UTF_8);
    }

    /** Whether the output after the first {@code skip} bytes (as far as kept) contains {@code needle}. */
    public synchronized boolean containsAfter(long skip, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = keptIndex(skip); i <= length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (kept[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private int keptIndex(long skip) {
        return (int) Math.min(Math.max(0, skip - dropped), length);
    }

    /** Waits for {@code condition}, re-checked at every arrival; false on timeout or when the connection ended. */
    public synchronized boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || ended != null) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public boolean waitForTextAfter(long skip, String text, Duration timeout) {
        return waitFor(() -> containsAfter(skip, text), timeout);
    }

    /** Waits for output after byte {@code skip} containing {@code text} and returns that output. */
    public String awaitTextAfter(long skip, String text, Duration timeout) {
        await(() -> containsAfter(skip, text), timeout, "output containing \"" + text + "\"");
        return textAfter(skip);
    }

    public String awaitText(String text, Duration timeout) {
        return awaitTextAfter(0, text, timeout);
    }

    /** Waits until more than {@code mark} bytes have arrived. */
    public void awaitReceivedBeyond(long mark, Duration timeout) {
        await(() -> received() > mark, timeout, "output beyond byte " + mark);
    }

    /** Like {@link #waitFor} but throws, naming {@code what} and showing the output's end. */
    public void await(BooleanSupplier condition, Duration timeout, String what) {
        if (!waitFor(condition, timeout)) {
            throw new AssertionError("no " + what + " on " + name() + " within " + timeout + (isEnded()
                    ? " (ended: " + endedWhy() + ")" : "") + " after " + received() + " bytes; output ends: "
                    + printable(textAfter(received() - 300)) + details());
        }
    }

    /** More to say when a wait fails (e.g. the control messages); empty by default. */
    protected String details() {
        return "";
    }

    protected synchronized String endedWhy() {
        return ended;
    }

    /**
     * Sends {@code key} (one keystroke) and returns the nanoseconds from the send until output holding its
     * last byte arrived (the shell's echo), as timestamped by the reader thread.
     */
    public long echo(byte[] key, Duration timeout) {
        synchronized (this) {
            echoKey = key[key.length - 1];
            echoNanos = -1;
            echoPending = true;
            echoSentNanos = System.nanoTime();
        }
        send(key);
        await(() -> echoNanos >= 0, timeout, "echo of a keystroke");
        synchronized (this) {
            return echoNanos;
        }
    }

    /** A command's output: bytes and frames received, from the command's Enter until its prompt was back. */
    public record Flood(long bytes, long frames, long startNanos, long endNanos) {
        public double megabytesPerSecond() {
            return bytes / 1e6 / ((endNanos - startNanos) / 1e9);
        }
    }

    /**
     * Types {@code command} (with its Enter), which prints at least {@code minBytes}, and waits for the prompt
     * ({@code "# "}) after it. The prompt is looked for in the last 64 bytes only once that much output has
     * arrived, so neither the echoed command line nor the output can be taken for it.
     */
    public Flood flood(String command, long minBytes, Duration timeout) {
        long from;
        long fromFrames;
        long start;
        synchronized (this) {
            from = received();
            fromFrames = frames;
            start = System.nanoTime();
        }
        send(command.getBytes(StandardCharsets.UTF_8));
        await(() -> received() - from >= minBytes && containsAfter(received() - 64, "# "), timeout,
                "prompt after " + minBytes + " bytes of output");
        synchronized (this) {
            return new Flood(received() - from, frames - fromFrames, start, System.nanoTime());
        }
    }

    /**
     * Types {@code command} into a shell and waits for it to finish: its output (stdout and stderr, control
     * sequences removed), with {@code rc=<status>} as its last line, taken between a begin and an end mark the
     * shell prints around it. The marks are typed as arithmetic expansions, so no echo of the typed line
     * contains them. On timeout a Ctrl-C is sent and the output so far is returned, ending in
     * {@code (timed out ...)}.
     */
    public String run(String command, Duration timeout) {
        int mark = MARKS.incrementAndGet();
        String begin = "@@B" + mark + "@@";
        String end = "@@" + mark + "@@";
        long skip = received();
        type("echo @@B$((" + mark + "))@@; " + command + "; echo rc=$? @@$((" + mark + "))@@\r");
        boolean done = waitForTextAfter(skip, end, timeout);
        if (!done) {
            type("\u0003");
        }
        String out = textAfter(skip);
        // Both marks are printed by the shell (the typed line holds them as arithmetic expansions, and may be
        // echoed more than once, interleaved with output, by the two terminals in series): what lies between
        // them is the command's output, whatever the echoes did.
        int from = out.indexOf(begin);
        int at = out.indexOf(end, Math.max(0, from));
        // Without the begin mark (a flood pushed it out of what is kept), everything kept counts as output.
        int start = from < 0 ? 0 : from + begin.length();
        out = out.substring(start, at < start ? out.length() : at);
        out = ANSI.matcher(out).replaceAll("").replace("\r", "").strip();
        return done ? out : out + "\n(timed out after " + timeout.toSeconds() + " s)";
    }

    private static int indexOf(byte[] bytes, int offset, int count, byte b) {
        for (int i = offset; i < offset + count; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The last 200 characters with control characters shown as dots, for failure messages. */
    public static String printable(String s) {
        String end = s.length() > 200 ? s.substring(s.length() - 200) : s;
        return end.replaceAll("[\\x00-\\x1f\\x7f]", "·");
    }
}
