package io.glassbox.lesson.run;

import java.time.Duration;
import java.util.List;

/**
 * How one stage fared in the runner.
 *
 * @param passedEarly checks that already passed before the stage's solve script ran (a defect of the lesson)
 * @param stillFailing checks that failed after it ran, with their messages
 * @param problem what went wrong otherwise (a command that never returned to the prompt), or null
 */
public record StageRun(String lesson, String stage, List<String> passedEarly, List<String> stillFailing,
        String problem, Duration elapsed) {

    public boolean ok() {
        return passedEarly.isEmpty() && stillFailing.isEmpty() && problem == null;
    }
}
