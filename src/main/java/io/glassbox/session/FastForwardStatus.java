package io.glassbox.session;

/**
 * How far a fast-forward got: {@code done} of {@code total} stages replayed, the stage being replayed, and the
 * phase ({@code replaying}, {@code ready}, or {@code failed} with a message saying what went wrong). Pushed to
 * the session's terminals as {@code {"type": "fast-forward", ...}}.
 */
public record FastForwardStatus(String lesson, String stage, int done, int total, String phase, String message) {

    public static final String REPLAYING = "replaying";
    public static final String READY = "ready";
    public static final String FAILED = "failed";

    public boolean running() {
        return REPLAYING.equals(phase);
    }
}
