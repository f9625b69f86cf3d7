package io.glassbox.lesson.model;

import java.util.List;

/**
 * One step of a lesson: what to read, hints revealed one at a time, what an expert would type, and the
 * checks that prove it was done.
 *
 * @param instructions markdown; fenced {@code sh} code blocks become commands the learner can click to run
 * @param solve the commands "Show me" types into the terminal, one per line
 * @param mistakes common mistakes the stage recognises when its checks fail, each with a hint of its own
 */
public record Stage(String id, Text title, Text instructions, List<Text> hints, String solve, List<CheckSpec> checks,
        List<Mistake> mistakes) {

    public Stage {
        hints = hints == null ? List.of() : List.copyOf(hints);
        checks = checks == null ? List.of() : List.copyOf(checks);
        mistakes = mistakes == null ? List.of() : List.copyOf(mistakes);
    }

    /** A stage that recognises no mistakes. */
    public Stage(String id, Text title, Text instructions, List<Text> hints, String solve, List<CheckSpec> checks) {
        this(id, title, instructions, hints, solve, checks, List.of());
    }
}
