package io.glassbox.session;

/** A request about sessions that cannot be honoured; {@link #reason()} says how the API should answer. */
public final class SessionException extends RuntimeException {

    /** Why a request was refused, each mapping to one HTTP status. */
    public enum Reason {
        NOT_FOUND, LESSON_NOT_FOUND, TOKEN_MISSING, TOKEN_WRONG, CAPACITY, INVALID, CONFLICT
    }

    private final Reason reason;

    public SessionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
