package io.glassbox.web;

/**
 * One lesson as the start page lists it: its id (what POST /api/sessions takes as {@code lesson}), a title and
 * a one-line summary.
 */
public record LessonCard(String id, String title, String summary) {
}
