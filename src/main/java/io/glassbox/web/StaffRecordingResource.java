package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.Workshop;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A workshop's staff replay any of its learners' sessions (docs/workshop-api.md, "Recordings"), as they may watch
 * their terminals live: staff of other workshops are told the workshop does not exist, a learner of another
 * workshop is not found.
 */
@Path("/api/workshops/{id}/learners/{learner}/recordings")
@Produces(MediaType.APPLICATION_JSON)
public class StaffRecordingResource {

    private final Engine engine;

    public StaffRecordingResource(Engine engine) {
        this.engine = engine;
    }

    @GET
    public Response list(@PathParam("id") String id, @PathParam("learner") String learnerId,
            @CookieParam(Cookies.STAFF) String credential) {
        return RecordingAnswers.list(engine.recordings(), learner(id, learnerId, credential));
    }

    @GET
    @Path("{session}/terminals/{tab}")
    @Produces({RecordingAnswers.ASCIICAST, MediaType.APPLICATION_JSON})
    public Response asciicast(@PathParam("id") String id, @PathParam("learner") String learnerId,
            @PathParam("session") String session, @PathParam("tab") int tab, @CookieParam(Cookies.STAFF) String credential) {
        return RecordingAnswers.asciicast(engine.recordings(), learner(id, learnerId, credential), session, tab);
    }

    @GET
    @Path("{session}/terminals/{tab}/markers")
    public Response markers(@PathParam("id") String id, @PathParam("learner") String learnerId,
            @PathParam("session") String session, @PathParam("tab") int tab, @CookieParam(Cookies.STAFF) String credential) {
        return RecordingAnswers.markers(engine.recordings(), learner(id, learnerId, credential), session, tab);
    }

    private Learner learner(String workshopId, String learnerId, String credential) {
        Workshop workshop = engine.classroom().workshops().get(engine.classroom().staff().authenticate(credential),
                workshopId);
        return engine.classroom().learners().get(workshop, learnerId);
    }
}
