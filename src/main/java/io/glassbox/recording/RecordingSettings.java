package io.glassbox.recording;

/**
 * How sessions are recorded.
 *
 * @param mode which sessions are recorded
 * @param maxBytes the most a session's recording keeps on disk, all its terminals together; beyond it the oldest
 *                 events are dropped
 * @param input whether keystrokes are recorded too ("i" events); off by default, as they may be passwords
 */
public record RecordingSettings(RecordingMode mode, long maxBytes, boolean input) {

    /** Below this a recording would hold barely a screenful, and segments would turn over constantly. */
    public static final long MIN_BYTES = 64 * 1024;

    public RecordingSettings {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("glassbox.recording.max-size must be at least 64K, got " + maxBytes);
        }
    }

    /** What a segment file holds at most: an eighth of the cap, so dropping the oldest loses an eighth at a time. */
    long segmentBytes() {
        return maxBytes / 8;
    }
}
