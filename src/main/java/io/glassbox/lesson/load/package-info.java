/**
 * Loading lessons: YAML in, validated {@link io.glassbox.lesson.model.Lesson} records or errors out, each
 * error with its file, line and field. Structure is checked against lessons/lesson.schema.json (the same
 * schema authors' editors use), meaning by a short list of named rules. The catalog keeps the last good
 * version of every lesson live while a broken edit is shown as an error.
 */
package io.glassbox.lesson.load;
