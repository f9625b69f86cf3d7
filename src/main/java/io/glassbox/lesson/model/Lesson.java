package io.glassbox.lesson.model;

import java.util.List;
import java.util.Optional;

/**
 * A lesson as loaded from {@code lessons/NN-slug/lesson.yaml}.
 *
 * @param docker what Docker does here, tying the lesson back to the command or concept it explains
 * @param startsFrom a lesson whose end state this one starts from (its stages are replayed before this lesson's
 *     first stage, so the learner does not retype them), or null for a fresh lab host
 */
public record Lesson(String id, Text title, Text summary, List<String> prerequisites, List<Stage> stages,
        Text docker, String startsFrom) {

    public Lesson {
        prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    public Optional<Stage> stage(String stageId) {
        return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }

    /** The stage after {@code stageId}, if any. */
    public Optional<Stage> after(String stageId) {
        for (int i = 0; i < stages.size() - 1; i++) {
            if (stages.get(i).id().equals(stageId)) {
                return Optional.of(stages.get(i + 1));
            }
        }
        return Optional.empty();
    }
}
