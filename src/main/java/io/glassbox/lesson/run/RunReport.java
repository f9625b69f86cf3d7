package io.glassbox.lesson.run;

import java.util.List;

/** The runner's table: one row per lesson and stage, then what went wrong, in words an author can act on. */
public final class RunReport {

    private RunReport() {
    }

    public static String render(List<StageRun> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-28s %-40s %-14s %-12s %8s%n", "lesson", "stage", "before solve", "after solve", "time"));
        out.append("-".repeat(96)).append('\n');
        for (StageRun run : runs) {
            out.append(String.format("%-28s %-40s %-14s %-12s %6d ms%n", run.lesson(), run.stage(),
                    run.passedEarly().isEmpty() ? "all fail ok" : "PASSED EARLY",
                    run.stillFailing().isEmpty() && run.problem() == null ? "all pass ok" : "FAILED",
                    run.elapsed().toMillis()));
        }
        long bad = runs.stream().filter(r -> !r.ok()).count();
        out.append("-".repeat(96)).append('\n');
        out.append(bad == 0 ? runs.size() + " stages, all correct\n" : bad + " of " + runs.size() + " stages wrong\n");
        List<StageRun> hinted = runs.stream().filter(r -> !r.mistakesBefore().isEmpty()).toList();
        if (!hinted.isEmpty()) {
            // Not a defect: a mistake that goes by the kernel state alone may show as the stage begins. Its author
            // should know, so its hint can be worded to be true then too (lessons/README.md).
            out.append("\nMistakes named as the stage begins, before anything was typed:\n");
            hinted.forEach(r -> out.append("  ").append(r.lesson()).append(" / ").append(r.stage()).append(": ")
                    .append(String.join(", ", r.mistakesBefore())).append('\n'));
        }
        for (StageRun run : runs) {
            if (run.ok()) {
                continue;
            }
            out.append('\n').append(run.lesson()).append(" / ").append(run.stage()).append(":\n");
            run.passedEarly().forEach(c -> out.append("  passes before the stage is done: ").append(c).append('\n'));
            run.stillFailing().forEach(c -> out.append("  fails after the solve script: ").append(c).append('\n'));
            if (run.problem() != null) {
                out.append("  ").append(run.problem()).append('\n');
            }
        }
        return out.toString();
    }
}
