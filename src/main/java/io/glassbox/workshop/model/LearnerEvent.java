package io.glassbox.workshop.model;

import java.time.Instant;
import java.util.Locale;

/**
 * One thing a learner did, as stored: a check (its trigger, whether it passed, and as {@code detail} the JSON
 * of what each check expected and observed), a hint shown (detail: its number), Show me, or a fast-forward.
 */
public record LearnerEvent(long id, String learnerId, String lessonId, String stageId, Kind kind, String trigger,
        Boolean passed, String detail, Instant at) {

    public enum Kind {
        CHECK, HINT, SHOW_ME, FAST_FORWARD;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
