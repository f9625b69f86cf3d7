package io.glassbox.workshop;

import io.glassbox.workshop.model.Workshop;
import java.time.Instant;
import java.util.List;

/** A workshop as the API shows it to its staff (docs/workshop-api.md, "Workshop"). */
public record WorkshopView(String id, String title, String code, String joinUrl, List<String> lessons,
        String language, Instant startsAt, Instant endsAt, Instant endedAt, String owner, List<String> staff,
        int learners, String state, Announcement announcement) {

    /** The last broadcast, shown to learners who come later too. */
    public record Announcement(String message, Instant at) {

        public static Announcement of(Workshop workshop) {
            return workshop.announcement() == null ? null
                    : new Announcement(workshop.announcement(), workshop.announcedAt());
        }
    }

    public static WorkshopView of(Workshop w, List<String> staff, int learners, Instant now) {
        return new WorkshopView(w.id(), w.title(), w.code(), "/join/" + w.code(), w.lessons(), w.language(),
                w.startsAt(), w.endsAt(), w.endedAt(), w.ownerName(), staff, learners, w.state(now).wireName(),
                Announcement.of(w));
    }
}
