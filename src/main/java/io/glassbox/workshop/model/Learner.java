package io.glassbox.workshop.model;

import java.time.Instant;

/**
 * A learner of one workshop: a display name, no password. {@code lessonId}/{@code stageId} are where they work
 * now (null before their first lesson), {@code stageEntered} since when.
 */
public record Learner(String id, String workshopId, String name, Instant joined, Instant lastSeen, String lessonId,
        String stageId, Instant stageEntered) {
}
