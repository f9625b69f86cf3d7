/**
 * The lesson format as plain records: {@link io.glassbox.lesson.model.Lesson}, its stages, their localized
 * texts and their checks. No framework types, so lessons can be loaded, validated and tested anywhere.
 */
package io.glassbox.lesson.model;
