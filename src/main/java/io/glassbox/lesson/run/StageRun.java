package io.glassbox.lesson.run;

import java.time.Duration;
import java.util.List;

/**
 * How one stage fared in the runner.
 *
 * @param passedEarly checks that already passed before the stage's solve script ran (a defect of the lesson)
 * @param stillFailing checks that failed after it ran, with their messages
 * @param problem what went wrong otherwise (a command that never returned to the prompt), or null
 * @param mistakesBefore the stage's mistakes the page would name before its solve script ran, as the stage
 *     begins for a learner (no defect, but an author should see which hints show before anything was tried)
 */
public record StageRun(String lesson, String stage, List<String> passedEarly, List<String> stillFailing,
        String problem, Duration elapsed, List<String> mistakesBefore) {

    public StageRun {
        mistakesBefore = mistakesBefore == null ? List.of() : List.copyOf(mistakesBefore);
    }

    public StageRun(String lesson, String stage, List<String> passedEarly, List<String> stillFailing, String problem,
            Duration elapsed) {
        this(lesson, stage, passedEarly, stillFailing, problem, elapsed, List.of());
    }

    public boolean ok() {
        return passedEarly.isEmpty() && stillFailing.isEmpty() && problem == null;
    }
}
