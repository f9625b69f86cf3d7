package io.glassbox.lesson.check;

/** The process a check should look at is not there; the message says so in a learner's words. */
public final class TargetNotFoundException extends RuntimeException {

    public TargetNotFoundException(String message) {
        super(message);
    }
}
