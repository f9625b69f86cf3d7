package io.glassbox.session;

import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a session is in its lesson: the stage the learner works on and the stages already passed. It names
 * stages by id rather than holding the lesson, so an author's edit (hot reload) applies to running sessions.
 */
public final class LessonProgress {

    private final String lessonId;
    private final Set<String> passed = new LinkedHashSet<>();
    private String stageId;
    private boolean done;

    LessonProgress(Lesson lesson) {
        this.lessonId = lesson.id();
        this.stageId = lesson.stages().get(0).id();
    }

    /**
     * Progress that continues where a learner stopped: {@code passedStages} (of any version of the lesson; ids it
     * no longer has are ignored) count as passed, and the learner works on the first stage not among them.
     */
    static LessonProgress resume(Lesson lesson, Collection<String> passedStages) {
        LessonProgress progress = new LessonProgress(lesson);
        for (Stage stage : lesson.stages()) {
            if (!passedStages.contains(stage.id())) {
                break;
            }
            progress.passed(lesson, stage);
        }
        return progress;
    }

    /** The stages of {@code lesson} before the current one: what a fresh lab host must replay to get here. */
    public synchronized List<Stage> stagesBefore(Lesson lesson) {
        List<Stage> before = new ArrayList<>();
        for (Stage stage : lesson.stages()) {
            if (stage.id().equals(stageId) && !done) {
                break;
            }
            before.add(stage);
        }
        return before;
    }

    public String lessonId() {
        return lessonId;
    }

    /** The stage the learner works on; the last stage once the lesson is done. */
    public synchronized String stageId() {
        return stageId;
    }

    public synchronized boolean done() {
        return done;
    }

    public synchronized List<String> passedStages() {
        return List.copyOf(passed);
    }

    /** The current stage in {@code lesson} (its current version); the first if an edit removed it. */
    public synchronized Stage stage(Lesson lesson) {
        Optional<Stage> current = lesson.stage(stageId);
        if (current.isEmpty()) {
            stageId = lesson.stages().get(0).id();
            return lesson.stages().get(0);
        }
        return current.get();
    }

    /** Records that {@code stage} passed and moves to the next stage, or finishes the lesson. */
    public synchronized void passed(Lesson lesson, Stage stage) {
        passed.add(stage.id());
        if (!stage.id().equals(stageId)) {
            return;
        }
        Optional<Stage> next = lesson.after(stage.id());
        if (next.isPresent()) {
            stageId = next.get().id();
        } else {
            done = true;
        }
    }
}
