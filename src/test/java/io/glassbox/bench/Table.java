package io.glassbox.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Markdown table filled row by row, so a failed run still prints what it measured. Rows either compare ttyd
 * with Glassbox (a ratio Glassbox / ttyd and whether the goal was met) or give one value.
 */
final class Table {

    /** Which direction is better, for the ratio's goal. */
    enum Better { LOWER, HIGHER }

    private final String caption;
    private final String alignment;
    private final List<String> columns;
    private final List<String[]> rows = new ArrayList<>();

    /** A table whose first column is left-aligned and the others right-aligned. */
    Table(String... columns) {
        this(null, "l" + "r".repeat(columns.length - 1), List.of(columns));
    }

    private Table(String caption, String alignment, List<String> columns) {
        this.caption = caption;
        this.alignment = alignment;
        this.columns = columns;
    }

    /** A table under a bold caption; {@code alignment} has an l or r per column. */
    static Table captioned(String caption, String alignment, String... columns) {
        return new Table(caption, alignment, List.of(columns));
    }

    /** The comparison table's columns. */
    static Table comparison() {
        return new Table("Measurement", "ttyd", "Glassbox", "Glassbox / ttyd", "Goal");
    }

    void row(String... cells) {
        rows.add(cells);
    }

    /**
     * A compared row: both values formatted with {@code unit}, their ratio, and the ratio goal ({@code ≤ 1.0}
     * when lower is better) marked met or missed. A NaN value (not measured) leaves its cells empty.
     */
    void compare(String what, double ttyd, double glassbox, Unit unit, Better better) {
        double ratio = glassbox / ttyd;
        String goal = better == Better.LOWER ? "≤ 1.0" : "≥ 1.0";
        boolean met = better == Better.LOWER ? ratio <= 1.0 : ratio >= 1.0;
        row(what, unit.format(ttyd), unit.format(glassbox), Double.isNaN(ratio) ? "" : String.format("%.2f", ratio),
                Double.isNaN(ratio) ? "" : goal + (met ? " ✅" : " ❌"));
    }

    /** Units cells are written in. */
    enum Unit {
        MS, US, MB, MBPS, MIB, COUNT;

        String format(double value) {
            if (Double.isNaN(value)) {
                return "–";
            }
            return switch (this) {
                case MS -> ms(value);
                case US -> String.format("%.0f µs", value / 1e3);
                case MB -> mb(value);
                case MBPS -> String.format("%.1f MB/s", value);
                case MIB -> String.format("%.2f MiB", value / (1 << 20));
                case COUNT -> String.format("%.2f", value);
            };
        }
    }

    String render() {
        StringBuilder out = new StringBuilder(caption == null ? "" : "**" + caption + "**\n\n");
        out.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        alignment.chars().forEach(a -> out.append(a == 'r' ? "---:|" : "---|"));
        out.append('\n');
        for (String[] row : rows) {
            // A | inside a cell (a shell pipe) would end the cell; GitHub Markdown takes \| for it.
            out.append("| ").append(String.join(" | ", Arrays.stream(row)
                    .map(c -> c.replace("|", "\\|").replace("\n", " ")).toArray(String[]::new))).append(" |\n");
        }
        return out.toString();
    }

    static String ms(double nanos) {
        return Double.isNaN(nanos) ? "–" : String.format("%.2f ms", nanos / 1e6);
    }

    static String mb(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format("%.2f MB", bytes / 1e6);
    }
}
