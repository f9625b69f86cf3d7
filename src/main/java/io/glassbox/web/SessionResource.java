package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.session.Admission;
import io.glassbox.session.Session;
import io.glassbox.lesson.check.KernelState;
import io.glassbox.session.SessionException;
import io.glassbox.session.FastForwardStatus;
import io.glassbox.session.StageReport;
import io.glassbox.workshop.LearnerSessions;
import io.glassbox.workshop.Learners;
import io.glassbox.terminal.Terminal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sessions over HTTP. Creating one needs nothing; reading or deleting it needs its token, sent as
 * {@code Authorization: Bearer <token>}.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final String LESSON_ID = "[a-z0-9][a-z0-9-]{0,63}";

    private final Engine engine;
    private final SessionAdmission admission;

    public SessionResource(Engine engine, SessionAdmission admission) {
        this.engine = engine;
        this.admission = admission;
    }

    /** The body of POST /api/sessions; every field is optional. */
    public record CreateRequest(String lesson) {
    }

    /**
     * What POST answers: everything a client needs to open the terminal, and a read-only link to share; for a
     * workshop learner whose lab host is being brought to their stage, how many stages it replays.
     */
    public record Created(String id, String token, String terminalUrl, String watchUrl, String lesson, String stage,
            String hostname, FastForwardStatus fastForward) {
    }

    /** The body of POST /api/sessions/{id}/hint. */
    public record HintRequest(String stage, Integer hint) {
    }

    /** A terminal tab. */
    public record Tab(int tab, boolean running, int clients, String terminalUrl, String watchUrl) {

        static Tab of(Session session, Terminal terminal) {
            return new Tab(terminal.tab(), terminal.isRunning(), terminal.clientCount(),
                    session.terminalUrl(terminal.tab()), session.watchUrl(terminal.tab()));
        }
    }

    /** What GET answers. */
    public record View(String id, String state, String lesson, String stage, List<String> passedStages,
            boolean lessonDone, String hostname, String isolation, Instant created, Instant lastActive) {

        static View of(Session session) {
            return new View(session.id(), session.state().name().toLowerCase(), session.lesson().orElse(null),
                    session.stage().orElse(null),
                    session.progress().map(p -> p.passedStages()).orElse(List.of()),
                    session.progress().map(p -> p.done()).orElse(false), session.labHost().hostname(),
                    session.labHost().isolation().configValue(), session.created(), session.lastActive());
        }
    }

    /**
     * Creates a session; with a workshop learner's cookie, starts or takes over that learner's lab host for the
     * lesson, continuing their progress (docs/workshop-api.md).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateRequest request, @CookieParam(Cookies.LEARNER) String learnerKey,
            @Context HttpServerRequest http) {
        String lesson = request == null ? null : request.lesson();
        if (lesson != null && !lesson.matches(LESSON_ID)) {
            throw new SessionException(SessionException.Reason.INVALID,
                    "\"lesson\" must be a lesson id (lowercase letters, digits and dashes), not \"" + abbreviate(lesson) + "\".");
        }
        if (learnerKey != null && !learnerKey.isBlank() && lesson != null) {
            Learners.Signed learner = engine.classroom().learners().authenticate(learnerKey);
            // Admission (docs/session-api.md): a learner is a client by learner id, never by address.
            Admission.Ticket ticket = admission.learner(learner.learner().id(), lesson);
            LearnerSessions.Started started = admitted(ticket, () -> engine.classroom().learnerSessions()
                    .start(learner.learner(), learner.workshop(), lesson));
            SessionAdmission.settle(ticket, started.session(), started.created());
            Created body = created(started.session(), started.fastForward());
            return started.created() ? Response.created(URI.create("/api/sessions/" + body.id())).entity(body).build()
                    : Response.ok(body).build();
        }
        Lesson followed = lesson == null ? null : LessonResource.lesson(engine, lesson);
        Admission.Ticket ticket = admission.anonymous(http);
        Session session = admitted(ticket, () -> engine.sessions().create(followed));
        SessionAdmission.settle(ticket, session, true);
        // A lesson that starts from another one's end state gets that state replayed first (lesson.yaml starts-from).
        FastForwardStatus fastForward = followed == null ? null
                : engine.fastForward().startFor(session, followed).orElse(null);
        return Response.created(URI.create("/api/sessions/" + session.id())).entity(created(session, fastForward)).build();
    }

    /** Runs a start admitted with {@code ticket}; if it fails, nothing was created and the ticket is given back. */
    private static <T> T admitted(Admission.Ticket ticket, java.util.function.Supplier<T> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            if (ticket != null) {
                ticket.cancel();
            }
            throw e;
        }
    }

    private static Created created(Session session, FastForwardStatus fastForward) {
        return new Created(session.id(), session.token(), session.terminalUrl(1), session.watchUrl(1),
                session.lesson().orElse(null), session.stage().orElse(null), session.labHost().hostname(), fastForward);
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

    @GET
    @Path("{id}/terminals")
    public List<Tab> terminals(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Session session = engine.sessions().authorize(id, Bearer.token(authorization));
        session.terminals().get(1);
        return session.terminals().list().stream().map(terminal -> Tab.of(session, terminal)).toList();
    }

    /** Opens another shell in the same lab host. */
    @POST
    @Path("{id}/terminals")
    public Response openTerminal(@PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Session session = engine.sessions().authorize(id, Bearer.token(authorization));
        Terminal terminal = session.terminals().open().orElseThrow(() -> new SessionException(
                SessionException.Reason.CONFLICT, "This session already has " + session.terminals().maxTabs()
                        + " terminals, the most it may have. Close one (exit its shell) or reuse it."));
        return Response.status(Response.Status.CREATED).entity(Tab.of(session, terminal)).build();
    }

    /**
     * Checks the current stage of the session's lesson (docs/lesson-api.md); the words come in the language asked
     * for (?lang=en|zh-CN, else Accept-Language), as the lesson's texts do.
     */
    @POST
    @Path("{id}/check")
    public StageReport check(@PathParam("id") String id, @QueryParam("tab") @DefaultValue("1") int tab,
            @QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return engine.stageChecks().check(usedBy(id, authorization), tab, false).in(Language.pick(lang, accept));
    }

    /** "Show me": types the current stage's solve script into the terminal. */
    @POST
    @Path("{id}/solve")
    public Response solve(@PathParam("id") String id, @QueryParam("tab") @DefaultValue("1") int tab,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Response.accepted(Map.of("stage", engine.stageChecks().solve(usedBy(id, authorization), tab))).build();
    }

    /** The page showed a hint; stored for a workshop learner (docs/workshop-api.md), else nothing happens. */
    @POST
    @Path("{id}/hint")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response hint(@PathParam("id") String id, HintRequest body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (body == null || body.stage() == null || body.hint() == null) {
            throw new SessionException(SessionException.Reason.INVALID,
                    "Send {\"stage\": \"<stage id>\", \"hint\": <number, from 0>}.");
        }
        engine.stageChecks().hintShown(usedBy(id, authorization), body.stage(), body.hint());
        return Response.noContent().build();
    }

    /** The kernel state of the terminal's foreground process, for the live panel. */
    @GET
    @Path("{id}/state")
    public KernelState state(@PathParam("id") String id, @QueryParam("tab") @DefaultValue("1") int tab,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return engine.stageChecks().state(engine.sessions().authorize(id, Bearer.token(authorization)), tab);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** The session, authorized, marked as used now: a Check or Show me keeps it from ending as idle. */
    private Session usedBy(String id, String authorization) {
        Session session = engine.sessions().authorize(id, Bearer.token(authorization));
        session.touch(engine.sessions().clock());
        return session;
    }
}
