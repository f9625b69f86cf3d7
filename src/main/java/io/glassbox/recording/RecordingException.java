package io.glassbox.recording;

/** A recording that cannot be given; {@link #reason()} says how the API answers. */
public final class RecordingException extends RuntimeException {

    /** Why: no such recording (for this caller), or it could not be read. */
    public enum Reason {
        NOT_FOUND,
        UNREADABLE
    }

    private final Reason reason;

    public RecordingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
