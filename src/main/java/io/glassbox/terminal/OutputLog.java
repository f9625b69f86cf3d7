package io.glassbox.terminal;

/**
 * The most recent output of a terminal, with every byte numbered from 0 since the terminal opened. Clients
 * say "I have shown everything before offset N", so a reconnecting client gets exactly what it missed.
 * The buffer grows with use up to its capacity and then overwrites its oldest bytes. Not thread-safe: the
 * terminal guards it.
 */
final class OutputLog {

    private static final int INITIAL = 16 * 1024;

    private final int capacity;
    private byte[] ring = new byte[0];
    private long end;

    OutputLog(int capacity) {
        if (capacity < 1024) {
            throw new IllegalArgumentException("scrollback must be at least 1 KiB, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The offset of the oldest byte still kept. */
    long start() {
        return end - Math.min(end, ring.length);
    }

    /** The offset just past the newest byte. */
    long end() {
        return end;
    }

    void append(byte[] bytes, int offset, int length) {
        if (length > capacity) {
            offset += length - capacity;
            end += length - capacity;
            length = capacity;
        }
        grow(length);
        write(bytes, offset, length);
    }

    private void write(byte[] bytes, int offset, int length) {
        int position = (int) (end % ring.length);
        int first = Math.min(length, ring.length - position);
        System.arraycopy(bytes, offset, ring, position, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        end += length;
    }

    /** Copies up to {@code max} bytes starting at {@code from}, which must lie in [start, end]. */
    byte[] read(long from, int max) {
        if (from < start() || from > end) {
            throw new IllegalArgumentException("offset " + from + " is outside [" + start() + ", " + end + "]");
        }
        int length = (int) Math.min(max, end - from);
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        int position = (int) (from % ring.length);
        int first = Math.min(length, ring.length - position);
        System.arraycopy(ring, position, out, 0, first);
        System.arraycopy(ring, 0, out, first, length - first);
        return out;
    }

    /**
     * Makes room for {@code length} more bytes without losing kept ones, up to the capacity. The ring is
     * re-laid so that offset {@code o} lives at index {@code o % ring.length} in the new array too.
     */
    private void grow(int length) {
        long kept = end - start();
        if (ring.length == capacity || kept + length <= ring.length) {
            return;
        }
        int size = Math.max(INITIAL, ring.length);
        while (size < kept + length && size < capacity) {
            size *= 2;
        }
        long oldStart = start();
        byte[] old = read(oldStart, (int) kept);
        ring = new byte[Math.min(size, capacity)];
        end = oldStart;
        write(old, 0, old.length);
    }
}
