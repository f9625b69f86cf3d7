package io.glassbox.recording;

import java.util.List;

/**
 * One recorded session, as a list of recordings shows it.
 *
 * @param session the session's id
 * @param lesson the lesson it followed, or null
 * @param startedAt when recording started (ISO-8601 UTC)
 * @param endedAt when the session ended, or null while it runs (or if the server stopped abruptly)
 * @param live whether the session still runs (its recording still grows)
 * @param terminals the recorded terminal tabs
 * @param bytes the recording's size on disk, all terminals together
 */
public record RecordingSummary(String session, String lesson, String startedAt, String endedAt, boolean live,
        List<Integer> terminals, long bytes) {
}
