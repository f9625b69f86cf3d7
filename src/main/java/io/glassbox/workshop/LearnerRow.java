package io.glassbox.workshop;

import java.time.Instant;
import java.util.List;

/** One learner's line on the dashboard (docs/workshop-api.md, "LearnerRow"). */
public record LearnerRow(String id, String name, Instant joinedAt, Instant lastSeenAt, String lesson, String stage,
        Instant stageEnteredAt, List<String> passed, List<String> skipped, int failedInARow, int hintsUsed,
        int showMeUsed, int checks, LastCheck lastCheck, SessionInfo session, FastForwardInfo fastForward,
        boolean stuck) {

    /** The learner's last check, with what each check expected and observed. */
    public record LastCheck(String lesson, String stage, boolean passed, String trigger, Instant at,
            List<CheckLine> results) {
    }

    public record CheckLine(String id, boolean passed, String expected, String observed, String message) {
    }

    /** The learner's running lab host; {@code watchUrl} is the read-only terminal for staff. */
    public record SessionInfo(String id, String state, String watchUrl, long idleSeconds) {
    }

    public record FastForwardInfo(int done, int total, String phase, String message) {
    }
}
