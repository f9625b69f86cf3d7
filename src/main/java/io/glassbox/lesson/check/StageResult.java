package io.glassbox.lesson.check;

import io.glassbox.lesson.model.Mistake;
import java.util.List;

/**
 * The outcome of all checks of one stage; the stage passes when every check does.
 *
 * @param mistakes the stage's mistakes whose conditions held (only ever when the stage did not pass)
 */
public record StageResult(String stageId, boolean passed, List<CheckResult> results, List<Mistake> mistakes) {

    public StageResult {
        results = List.copyOf(results);
        mistakes = mistakes == null ? List.of() : List.copyOf(mistakes);
    }

    public StageResult(String stageId, boolean passed, List<CheckResult> results) {
        this(stageId, passed, results, List.of());
    }
}
