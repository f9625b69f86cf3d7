package io.glassbox.session;

import io.glassbox.lesson.check.StageResult;
import io.glassbox.terminal.LocalizedBody;
import java.util.List;

/**
 * A check of a session's stage as it happened, in no language yet: {@link #in} words it for a reader. Pushed to
 * every window of the session as it is, so each window gets it in the language it asked for.
 *
 * @param nextStage the stage the session moved on to when this one passed, else null
 * @param passedStages the stages passed so far, as they were right after this check
 */
public record CheckedStage(String lesson, StageResult result, String nextStage, boolean lessonDone,
        List<String> passedStages, boolean auto) implements LocalizedBody {

    public CheckedStage {
        passedStages = List.copyOf(passedStages);
    }

    static CheckedStage of(LessonProgress progress, StageResult result, String nextStage, boolean auto) {
        return new CheckedStage(progress.lessonId(), result, nextStage, progress.done(), progress.passedStages(), auto);
    }

    public boolean passed() {
        return result.passed();
    }

    /** The report a reader of {@code language} gets. */
    @Override
    public StageReport in(String language) {
        return StageReport.of(this, language);
    }
}
