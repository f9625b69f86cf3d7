package io.glassbox.workshop;

/** A workshop request that cannot be honoured; {@link #reason()} says how the API answers. */
public final class WorkshopException extends RuntimeException {

    /** Why, each with its HTTP status and error code. */
    public enum Reason {
        STAFF_SIGN_IN_NEEDED(401, "staff-sign-in-needed"),
        SIGN_IN_FAILED(401, "sign-in-failed"),
        SETUP_TOKEN_WRONG(403, "setup-token-wrong"),
        INSTRUCTOR_ONLY(403, "instructor-only"),
        WORKSHOP_NOT_FOUND(404, "workshop-not-found"),
        LEARNER_NOT_FOUND(404, "learner-not-found"),
        LEARNER_KEY_MISSING(401, "learner-key-missing"),
        LEARNER_KEY_UNKNOWN(401, "learner-key-unknown"),
        WORKSHOP_ENDED(410, "workshop-ended"),
        NAME_TAKEN(409, "name-taken"),
        CONFLICT(409, "conflict"),
        INVALID(400, "invalid-request");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public WorkshopException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** With the store's exception as the cause, for the log; the message is what a person is told. */
    public WorkshopException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
