package io.glassbox.web;

import io.glassbox.recording.Marker;
import io.glassbox.recording.RecordingSummary;
import io.glassbox.recording.Recordings;
import io.glassbox.recording.Replay;
import io.glassbox.workshop.model.Learner;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * What the recording endpoints answer, for learners and staff alike (docs/workshop-api.md, "Recordings"). A
 * recording is the learner's: never cached, never guessed from another learner's path.
 */
final class RecordingAnswers {

    /** The media type asciinema gives asciicast files. */
    static final String ASCIICAST = "application/x-asciicast";

    private RecordingAnswers() {
    }

    /** A learner's recordings: who, whether recording is on, and the recorded sessions, newest first. */
    record RecordingList(LearnerResource.Identity learner, String recording, List<RecordingSummary> recordings) {
    }

    /** The markers of one terminal's recording, for the replay's timeline. */
    record MarkerList(String session, int terminal, long droppedEvents, long droppedBytes, List<Marker> markers) {
    }

    static Response list(Recordings recordings, Learner learner) {
        RecordingList answer = new RecordingList(new LearnerResource.Identity(learner.id(), learner.name()),
                recordings.settings().mode().name().toLowerCase(java.util.Locale.ROOT), recordings.list(learner.id()));
        return Response.ok(answer).header("Cache-Control", "no-store").build();
    }

    static Response asciicast(Recordings recordings, Learner learner, String session, int tab) {
        Replay replay = recordings.cast(learner.id(), session, tab);
        return Response.ok(replay.asciicast()).type(ASCIICAST + "; charset=utf-8").header("Cache-Control", "no-store")
                .header("Content-Disposition", "inline; filename=\"" + session + "-" + tab + ".cast\"").build();
    }

    static Response markers(Recordings recordings, Learner learner, String session, int tab) {
        Replay replay = recordings.cast(learner.id(), session, tab);
        return Response.ok(new MarkerList(session, tab, replay.droppedEvents(), replay.droppedBytes(), replay.markers()))
                .header("Cache-Control", "no-store").build();
    }
}
