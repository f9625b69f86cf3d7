package io.glassbox.workshop.model;

import java.time.Instant;

/** A stage a learner passed, or that staff fast-forwarded them past ({@code skipped}). */
public record StagePass(String learnerId, String lessonId, String stageId, Instant passedAt, boolean skipped) {

    /** "lesson/stage", the roster's name for a stage. */
    public String key() {
        return lessonId + "/" + stageId;
    }
}
