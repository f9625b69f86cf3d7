package io.glassbox.session;

import java.time.Duration;

/**
 * What the session layer reports as it works, for monitoring (the app layer turns it into Prometheus metrics).
 * Called on the threads doing the work; implementations must be fast and thread-safe.
 */
public interface SessionMetrics {

    /** Reports nothing. */
    SessionMetrics NONE = new SessionMetrics() {
    };

    /** A session started: {@code took} from the request to its lab host being ready for a shell. */
    default void sessionStarted(Duration took) {
    }

    /** A session was refused, e.g. for capacity. */
    default void sessionRefused(SessionException.Reason reason) {
    }

    /** A lab host was torn down (or its teardown failed) after {@code took}. */
    default void teardownFinished(Duration took, boolean succeeded) {
    }

    /** A stage was checked, by the learner's request or automatically when the terminal went quiet. */
    default void stageChecked(boolean passed, boolean automatic) {
    }
}
