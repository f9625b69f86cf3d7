package io.glassbox.recording;

/**
 * Whose session a recording is, kept beside it ({@code recording.json}); times are ISO-8601 UTC.
 *
 * @param owner the workshop learner's id, or null for an anonymous session
 * @param lesson the lesson the session followed, or null for a free sandbox
 * @param ended null while the session runs (or when the server stopped without ending it)
 */
public record RecordingMeta(String session, String owner, String lesson, String started, String ended) {

    RecordingMeta endedAt(String at) {
        return new RecordingMeta(session, owner, lesson, started, at);
    }
}
