package io.glassbox.recording;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A marker of a recording, for the replay's timeline: its place among the recording's markers (what the player
 * seeks to), its time and label, and what the label says, parsed back.
 *
 * @param index the marker's position among the "m" events of the served file, from 0
 * @param time seconds since the recording started
 * @param kind check-passed, check-failed, hint, show-me, fast-forward or note (anything else the recording says of
 *             itself)
 * @param stage the lesson stage it concerns, or null
 * @param hint the hint's number (from 0) for a hint, else null
 * @param trigger for a check, {@code manual} (the Check button) or {@code auto} (at a quiet prompt); else null
 */
public record Marker(int index, double time, String label, String kind, String stage, Integer hint, String trigger) {

    private static final Pattern CHECK = Pattern.compile("check (passed|failed)( \\(auto\\))?: (.+)");
    private static final Pattern HINT = Pattern.compile("hint (\\d+): (.+)");
    private static final Pattern SHOW_ME = Pattern.compile("Show me: (.+)");
    private static final String FAST_FORWARD = "fast-forward ";

    static String checked(String stage, boolean passed, boolean auto) {
        return "check " + (passed ? "passed" : "failed") + (auto ? " (auto)" : "") + ": " + stage;
    }

    static String hintShown(String stage, int hint) {
        return "hint " + hint + ": " + stage;
    }

    static String solveShown(String stage) {
        return "Show me: " + stage;
    }

    static String fastForward(String what) {
        return FAST_FORWARD + what;
    }

    static Marker of(int index, long micros, String label) {
        double time = micros / 1_000_000.0;
        Matcher m = CHECK.matcher(label);
        if (m.matches()) {
            return new Marker(index, time, label, "check-" + m.group(1), m.group(3), null,
                    m.group(2) == null ? "manual" : "auto");
        }
        m = HINT.matcher(label);
        if (m.matches()) {
            return new Marker(index, time, label, "hint", m.group(2), Integer.valueOf(m.group(1)), null);
        }
        m = SHOW_ME.matcher(label);
        if (m.matches()) {
            return new Marker(index, time, label, "show-me", m.group(1), null, null);
        }
        if (label.startsWith(FAST_FORWARD)) {
            return new Marker(index, time, label, "fast-forward", null, null, null);
        }
        return new Marker(index, time, label, "note", null, null, null);
    }
}
