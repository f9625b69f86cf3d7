package io.glassbox.recording;

import io.glassbox.terminal.TerminalTap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One terminal's recording, as its tap: each event is copied into a list in memory, which the writer thread takes
 * whole and encodes (see {@link SessionRecording#drain}). The terminal's thread only copies bytes under a lock no
 * slow work ever holds. Output beyond a rate ({@link #burstBytes} at once, then a sixteenth of the session's cap per
 * second, at least 256 KiB: a flood past that would only push the rest of the session out of a capped recording,
 * and would cost the server as much again as showing it; see docs/recordings.md), or beyond
 * {@link #PENDING_MAX} behind the writer, is left out, counted, and a marker in the recording says how much.
 */
final class TabRecorder implements TerminalTap {

    /** Pending output beyond which the writer is asked to come at once rather than at its next round. */
    static final int DRAIN_SOON = 256 * 1024;
    /** Pending output beyond which output is left out of the recording until the writer caught up. */
    static final int PENDING_MAX = 4 * 1024 * 1024;

    /** An event as the terminal gave it: output and input as bytes, resizes and markers as text. */
    record Event(long nanos, char code, byte[] bytes, String text) {
    }

    private final int tab;
    private final boolean recordInput;
    private final Runnable wake;
    private final Runnable drainSoon;
    private List<Event> pending = new ArrayList<>();
    private int pendingBytes;
    private long skippedBytes;
    private boolean drainRequested;
    private boolean closed;
    private final long burstBytes;
    private final double bytesPerNano;
    private double allowance;
    private long refilled = System.nanoTime();

    // The writer's side, used under the session recording's lock only.
    private byte[] carry = new byte[0];

    private int columns = 80;
    private int rows = 24;

    /**
     * @param wake asks the writer to drain this session at its next round (the first event after a drain: an idle
     *             terminal costs the writer no wake-ups at all)
     * @param drainSoon asks the writer to drain this session now (a flood is filling memory)
     */
    TabRecorder(int tab, boolean recordInput, long maxBytes, Runnable wake, Runnable drainSoon) {
        this.tab = tab;
        this.burstBytes = burstBytes(maxBytes);
        this.bytesPerNano = Math.max(maxBytes / 16, 256 * 1024) / 1e9;
        this.allowance = burstBytes;
        this.wake = wake;
        this.recordInput = recordInput;
        this.drainSoon = drainSoon;
    }

    /** Output a terminal records at once before its rate applies: a quarter of the cap, at least 1 MiB. */
    static long burstBytes(long maxBytes) {
        return Math.max(maxBytes / 4, 1024 * 1024);
    }

    int tab() {
        return tab;
    }

    @Override
    public void output(byte[] bytes, int offset, int length) {
        boolean first;
        boolean nudge;
        synchronized (this) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            allowance = Math.min(burstBytes, allowance + (now - refilled) * bytesPerNano);
            refilled = now;
            if (allowance < length || pendingBytes + length > PENDING_MAX) {
                skippedBytes += length;
                return;
            }
            allowance -= length;
            first = pending.isEmpty();
            pending.add(new Event(now, Asciicast.OUTPUT, Arrays.copyOfRange(bytes, offset, offset + length),
                    null));
            pendingBytes += length;
            nudge = pendingBytes >= DRAIN_SOON && !drainRequested;
            drainRequested |= nudge;
        }
        if (nudge) {
            drainSoon.run();
        } else if (first) {
            wake.run();
        }
    }

    @Override
    public void resize(int columns, int rows) {
        add(new Event(System.nanoTime(), Asciicast.RESIZE, null, Asciicast.size(columns, rows)));
    }

    @Override
    public void input(byte[] bytes) {
        if (recordInput) {
            add(new Event(System.nanoTime(), Asciicast.INPUT, bytes.clone(), null));
        }
    }

    /** A marker with {@code label} at this moment. */
    void mark(String label) {
        add(new Event(System.nanoTime(), Asciicast.MARKER, null, label));
    }

    private void add(Event event) {
        boolean first;
        synchronized (this) {
            if (closed) {
                return;
            }
            first = pending.isEmpty();
            pending.add(event);
        }
        if (first) {
            wake.run();
        }
    }

    /** Everything recorded since the last call; the list is the caller's now. */
    synchronized Taken take() {
        if (pending.isEmpty() && skippedBytes == 0) {
            return Taken.NOTHING;
        }
        List<Event> events = pending;
        long skipped = skippedBytes;
        pending = new ArrayList<>();
        pendingBytes = 0;
        skippedBytes = 0;
        drainRequested = false;
        return new Taken(events, skipped);
    }

    /** Events taken at once, and how many output bytes were left out since the last take. */
    record Taken(List<Event> events, long skippedBytes) {
        static final Taken NOTHING = new Taken(List.of(), 0);
    }

    /** Stops recording: later events are ignored (a terminal's last output may come after its session ended). */
    synchronized void close() {
        closed = true;
    }

    // --- the writer's side ------------------------------------------------------------------------------------

    /** Bytes of an event and how many of them to write. */
    record Chunk(byte[] bytes, int length) {
    }

    /**
     * The bytes of an output or input event to write now: whole UTF-8 characters, an incomplete one at the end of
     * output kept for the next output event (a read of the terminal can end inside a character).
     */
    Chunk whole(Event event) {
        byte[] bytes = event.bytes();
        if (event.code() != Asciicast.OUTPUT) {
            return new Chunk(bytes, bytes.length);
        }
        if (carry.length > 0) {
            byte[] joined = Arrays.copyOf(carry, carry.length + bytes.length);
            System.arraycopy(bytes, 0, joined, carry.length, bytes.length);
            bytes = joined;
        }
        int whole = Asciicast.wholeCharacters(bytes, bytes.length);
        carry = whole == bytes.length ? NO_BYTES : Arrays.copyOfRange(bytes, whole, bytes.length);
        return new Chunk(bytes, whole);
    }

    private static final byte[] NO_BYTES = new byte[0];

    /** The size the terminal has at the writer's position in the recording. */
    String size() {
        return Asciicast.size(columns, rows);
    }

    void sized(String size) {
        int x = size.indexOf('x');
        columns = Integer.parseInt(size.substring(0, x));
        rows = Integer.parseInt(size.substring(x + 1));
    }
}
