package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.session.Session;
import io.glassbox.session.SessionException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;

/**
 * Sessions over HTTP. Creating one needs nothing; reading or deleting it needs its token, sent as
 * {@code Authorization: Bearer <token>}.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final String LESSON_ID = "[a-z0-9][a-z0-9-]{0,63}";

    private final Engine engine;

    public SessionResource(Engine engine) {
        this.engine = engine;
    }

    /** The body of POST /api/sessions; every field is optional. */
    public record CreateRequest(String lesson) {
    }

    /** What POST answers: everything a client needs to open the terminal. */
    public record Created(String id, String token, String terminalUrl, String lesson, String stage, String hostname) {
    }

    /** What GET answers. */
    public record View(String id, String state, String lesson, String stage, String hostname, String isolation,
            Instant created, Instant lastActive) {

        static View of(Session session) {
            return new View(session.id(), session.state().name().toLowerCase(), session.lesson().orElse(null),
                    session.stage().orElse(null), session.labHost().hostname(),
                    session.labHost().isolation().configValue(), session.created(), session.lastActive());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateRequest request) {
        String lesson = request == null ? null : request.lesson();
        if (lesson != null && !lesson.matches(LESSON_ID)) {
            throw new SessionException(SessionException.Reason.INVALID,
                    "\"lesson\" must be a lesson id (lowercase letters, digits and dashes), not \"" + abbreviate(lesson) + "\".");
        }
        Session session = engine.sessions().create(lesson, null);
        Created body = new Created(session.id(), session.token(), terminalUrl(session), lesson, null,
                session.labHost().hostname());
        return Response.created(URI.create("/api/sessions/" + session.id())).entity(body).build();
    }

    @GET
    @Path("{id}")
    public View get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return View.of(engine.sessions().authorize(id, Bearer.token(authorization)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Session session = engine.sessions().authorize(id, Bearer.token(authorization));
        engine.sessions().end(session, "deleted");
        return Response.accepted(View.of(session)).build();
    }

    /** The terminal's WebSocket URL, relative to the server; it carries the token because browsers cannot set headers on WebSockets. */
    static String terminalUrl(Session session) {
        return "/api/sessions/" + session.id() + "/terminals/1?token=" + session.token();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
