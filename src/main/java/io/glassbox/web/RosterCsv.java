package io.glassbox.web;

import io.glassbox.workshop.LearnerRow;
import io.glassbox.workshop.RosterView;
import java.util.ArrayList;
import java.util.List;

/**
 * A roster as CSV (RFC 4180), one row per learner and one column per stage, for a spreadsheet. Cells that a
 * spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an apostrophe, so a learner cannot name
 * themselves into the instructor's spreadsheet as code.
 */
final class RosterCsv {

    private RosterCsv() {
    }

    static String of(RosterView roster) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("name", "joined", "last seen", "lesson", "stage",
                "stages passed", "checks", "failed in a row", "hints", "show me"));
        roster.stages().forEach(column -> header.add(column.lesson() + "/" + column.stage()));
        line(out, header);
        for (LearnerRow row : roster.learners()) {
            List<String> cells = new ArrayList<>(List.of(row.name(), text(row.joinedAt()), text(row.lastSeenAt()),
                    text(row.lesson()), text(row.stage()), Integer.toString(row.passed().size()),
                    Integer.toString(row.checks()), Integer.toString(row.failedInARow()), Integer.toString(row.hintsUsed()),
                    Integer.toString(row.showMeUsed())));
            for (RosterView.StageColumn column : roster.stages()) {
                String key = column.lesson() + "/" + column.stage();
                cells.add(row.passed().contains(key) ? "passed" : row.skipped().contains(key) ? "skipped" : "");
            }
            line(out, cells);
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
