package io.glassbox.session;

import io.glassbox.lesson.check.CheckResult;
import io.glassbox.lesson.check.StageResult;
import java.util.List;

/**
 * What a learner sees after a check: the stage checked, each check's result, and where the lesson stands
 * now. Sent as the answer to POST /api/sessions/{id}/check and pushed as {@code {"type":"check",...}}.
 *
 * @param nextStage the stage the session moved on to when this one passed, else null
 */
public record StageReport(String lesson, String stage, boolean passed, List<Result> results, String nextStage,
        boolean lessonDone, List<String> passedStages, boolean auto) {

    /** One check's result, with the sentence the page shows. */
    public record Result(String id, boolean passed, String expected, String observed, String message) {

        static Result of(CheckResult result) {
            return new Result(result.id(), result.passed(), result.expected(), result.observed(), result.message());
        }
    }

    static StageReport of(LessonProgress progress, StageResult result, String nextStage, boolean auto) {
        return new StageReport(progress.lessonId(), result.stageId(), result.passed(),
                result.results().stream().map(Result::of).toList(), nextStage, progress.done(), progress.passedStages(),
                auto);
    }
}
