package io.glassbox.lesson.check;

import java.util.List;

/** The outcome of all checks of one stage; the stage passes when every check does. */
public record StageResult(String stageId, boolean passed, List<CheckResult> results) {

    public StageResult {
        results = List.copyOf(results);
    }
}
