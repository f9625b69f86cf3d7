package io.glassbox.lesson.load;

import java.nio.file.Path;

/**
 * A problem in a lesson file, where an author can find it: {@code lessons/02-uts/lesson.yaml:14
 * stages[1].checks[0].namespace: must be one of ...}.
 *
 * @param line 1-based, 0 when unknown
 * @param field where in the lesson: a path such as {@code stages[1].checks[0].namespace}, or "" for the file
 */
public record LessonError(Path file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
