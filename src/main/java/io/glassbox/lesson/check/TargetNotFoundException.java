package io.glassbox.lesson.check;

/** The process a check should look at is not there; the message says so in a learner's words. */
public final class TargetNotFoundException extends RuntimeException {

    private final Phrase reason;

    public TargetNotFoundException(Phrase reason) {
        super(reason.en());
        this.reason = reason;
    }

    /** Why, in both languages. */
    public Phrase reason() {
        return reason;
    }
}
