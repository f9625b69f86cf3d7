package io.glassbox.workshop.model;

import java.util.Locale;

/** Before its start time (learners may already join), running, or over (joining and working refused). */
public enum WorkshopState {
    SCHEDULED, OPEN, ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
