package io.glassbox.workshop.model;

import java.time.Instant;
import java.util.List;

/**
 * A class run on this server: its lessons in order, its join code, its schedule, and the last message the
 * staff broadcast to it.
 *
 * @param startsAt when it is meant to start (informational: learners may join early), or null
 * @param endsAt when joining and working stop by themselves, or null
 * @param endedAt when staff ended it by hand, or null
 */
public record Workshop(String id, String code, String title, String ownerId, String ownerName, List<String> lessons,
        String language, Instant startsAt, Instant endsAt, Instant endedAt, String announcement, Instant announcedAt,
        Instant created) {

    /** Where it stands at {@code now}. */
    public WorkshopState state(Instant now) {
        if (endedAt != null || (endsAt != null && !now.isBefore(endsAt))) {
            return WorkshopState.ENDED;
        }
        return startsAt != null && now.isBefore(startsAt) ? WorkshopState.SCHEDULED : WorkshopState.OPEN;
    }

    /** When it ended or ends, for a message. */
    public Instant endTime() {
        return endedAt != null ? endedAt : endsAt;
    }
}
