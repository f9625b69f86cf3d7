package io.glassbox.web;

/** The body of every error response: a stable machine-readable code and a sentence for people. */
public record ApiError(String error, String message) {
}
