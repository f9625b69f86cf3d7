package io.glassbox.attack;

import java.util.List;

/**
 * One attack of the suite: what a learner tried, what containment should make of it, what the machine showed
 * from outside the lab host, and whether that matches.
 */
record Attack(String group, String name, String expected, String observed, boolean passed) {

    private static final int NAME = 34;
    private static final int EXPECTED = 44;

    /** The table CI prints: fixed-width columns, then every failure in full, like the lesson runner's report. */
    static String render(List<Attack> attacks, List<String> notApplicable) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-9s %-" + NAME + "s %-" + EXPECTED + "s %-4s %s%n", "group", "attack", "expected",
                "pass", "observed"));
        out.append("-".repeat(150)).append('\n');
        for (Attack a : attacks) {
            out.append(String.format("%-9s %-" + NAME + "s %-" + EXPECTED + "s %-4s %s%n", a.group(), cut(a.name(), NAME),
                    cut(a.expected(), EXPECTED), a.passed() ? "ok" : "FAIL", cut(oneLine(a.observed()), 200)));
        }
        long failed = attacks.stream().filter(a -> !a.passed()).count();
        out.append("-".repeat(150)).append('\n');
        out.append(failed == 0 ? attacks.size() + " attacks, all contained\n"
                : failed + " of " + attacks.size() + " attacks NOT contained\n");
        for (Attack a : attacks) {
            if (!a.passed()) {
                out.append('\n').append(a.group()).append(" / ").append(a.name()).append(":\n  expected: ")
                        .append(a.expected()).append("\n  observed: ").append(a.observed().replace("\n", "\n            "))
                        .append('\n');
            }
        }
        if (!notApplicable.isEmpty()) {
            out.append("\nisolation mode is privileged: these guarantees do NOT apply (the learner is the machine's root):\n");
            notApplicable.forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return out.toString();
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", " | ");
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
