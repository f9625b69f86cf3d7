package io.glassbox.recording;

import java.util.Locale;

/** Which sessions are recorded ({@code glassbox.recording.enabled}). */
public enum RecordingMode {
    /** None. */
    OFF,
    /** Sessions of workshop learners (the default): what an instructor may want to replay. */
    WORKSHOP,
    /** Every session, anonymous ones too (kept only while the session runs): to measure what recording costs. */
    ALL;

    /** {@code workshop}, {@code all} or {@code off}; {@code true} and {@code false} read as workshop and off. */
    public static RecordingMode parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "workshop", "true", "on" -> WORKSHOP;
            case "all" -> ALL;
            case "off", "false", "none" -> OFF;
            default -> throw new IllegalArgumentException("glassbox.recording.enabled is \"" + value
                    + "\"; use workshop (record workshop learners' sessions), all (every session) or off");
        };
    }

    /** Whether a session of {@code owner} (null: anonymous) is recorded. */
    public boolean records(String owner) {
        return this == ALL || this == WORKSHOP && owner != null;
    }
}
