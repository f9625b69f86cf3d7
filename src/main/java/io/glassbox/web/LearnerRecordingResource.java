package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.workshop.model.Learner;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A workshop learner replays their own sessions (docs/workshop-api.md, "Recordings"): the learner cookie says who,
 * and only that learner's recordings are found; another learner's session id answers 404.
 */
@Path("/api/me/recordings")
@Produces(MediaType.APPLICATION_JSON)
public class LearnerRecordingResource {

    private final Engine engine;

    public LearnerRecordingResource(Engine engine) {
        this.engine = engine;
    }

    @GET
    public Response list(@CookieParam(Cookies.LEARNER) String key) {
        return RecordingAnswers.list(engine.recordings(), learner(key));
    }

    @GET
    @Path("{session}/terminals/{tab}")
    @Produces({RecordingAnswers.ASCIICAST, MediaType.APPLICATION_JSON})
    public Response asciicast(@PathParam("session") String session, @PathParam("tab") int tab,
            @CookieParam(Cookies.LEARNER) String key) {
        return RecordingAnswers.asciicast(engine.recordings(), learner(key), session, tab);
    }

    @GET
    @Path("{session}/terminals/{tab}/markers")
    public Response markers(@PathParam("session") String session, @PathParam("tab") int tab,
            @CookieParam(Cookies.LEARNER) String key) {
        return RecordingAnswers.markers(engine.recordings(), learner(key), session, tab);
    }

    private Learner learner(String key) {
        return engine.classroom().learners().authenticate(key).learner();
    }
}
