package io.glassbox.session;

/**
 * What happens in sessions that someone outside may want to keep (a workshop's progress log): checks, Show me,
 * hints, and fast-forward progress. Called on worker threads; implementations must not block for long.
 */
public interface SessionEvents {

    /** A stage was checked (by the learner, or automatically at a quiet prompt). */
    default void checked(Session session, StageReport report) {
    }

    /** "Show me" typed the solve script of {@code stage}. */
    default void solveShown(Session session, String lesson, String stage) {
    }

    /** The page revealed hint number {@code hint} (from 0) of {@code stage}. */
    default void hintShown(Session session, String lesson, String stage, int hint) {
    }

    /** A fast-forward of the session's lab host made progress, finished or failed. */
    default void fastForwarded(Session session, FastForwardStatus status) {
    }
}
