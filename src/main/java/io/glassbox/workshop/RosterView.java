package io.glassbox.workshop;

import java.util.List;

/**
 * The whole dashboard at once: the workshop, its stages in order, the "stuck" thresholds and every learner's
 * row. Sent as the first message of the live feed ({@code type} "roster") and by GET .../roster.
 */
public record RosterView(String type, WorkshopView workshop, List<StageColumn> stages, long stuckAfterSeconds,
        int stuckFailures, List<LearnerRow> learners) {

    /** A column of the grid. */
    public record StageColumn(String lesson, String stage, String title) {
    }
}
