package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.workshop.Classroom;
import io.glassbox.workshop.Learners;
import io.glassbox.workshop.RosterView;
import io.glassbox.workshop.WorkshopException;
import io.glassbox.workshop.WorkshopView;
import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Workshops for their staff, and joining one for learners (docs/workshop-api.md). Every staff endpoint
 * authenticates the staff cookie and finds the workshop among those the caller runs or helps with.
 */
@Path("/api/workshops")
@Produces(MediaType.APPLICATION_JSON)
public class WorkshopResource {

    private final Engine engine;

    public WorkshopResource(Engine engine) {
        this.engine = engine;
    }

    public record CreateRequest(String title, List<String> lessons, String language, Instant startsAt, Instant endsAt) {
    }

    public record JoinRequest(String code, String name) {
    }

    public record StaffRequest(String username) {
    }

    public record BroadcastRequest(String message) {
    }

    public record MoveRequest(String lesson, String stage) {
    }

    @GET
    public List<WorkshopView> list(@CookieParam(Cookies.STAFF) String credential) {
        StaffMember by = staff(credential);
        return classroom().workshops().visible(by).stream().map(this::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateRequest body, @CookieParam(Cookies.STAFF) String credential) {
        StaffMember by = staff(credential);
        CreateRequest c = StaffResource.required(body);
        Workshop workshop = classroom().workshops().create(by, c.title(), c.lessons(), c.language(), c.startsAt(),
                c.endsAt());
        return Response.created(URI.create("/api/workshops/" + workshop.id())).entity(view(workshop)).build();
    }

    @GET
    @Path("{id}")
    public WorkshopView get(@PathParam("id") String id, @CookieParam(Cookies.STAFF) String credential) {
        return view(workshop(id, credential));
    }

    @POST
    @Path("{id}/staff")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addStaff(@PathParam("id") String id, StaffRequest body, @CookieParam(Cookies.STAFF) String credential) {
        StaffMember by = staff(credential);
        classroom().workshops().get(by, id); // who may not see it is told it does not exist, whatever the username
        String username = StaffResource.required(body).username();
        StaffMember member = classroom().staff().byUsername(username == null ? "" : username).orElseThrow(() ->
                new WorkshopException(WorkshopException.Reason.INVALID, "There is no staff account \"" + username
                        + "\"; create it first (POST /api/staff)."));
        classroom().workshops().addStaff(by, id, member);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    public WorkshopView end(@PathParam("id") String id, @CookieParam(Cookies.STAFF) String credential) {
        Workshop ended = classroom().workshops().end(staff(credential), id);
        WorkshopView view = view(ended);
        classroom().feed().publish(id, Map.of("type", "workshop", "workshop", view));
        return view;
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @CookieParam(Cookies.STAFF) String credential) {
        classroom().workshops().delete(staff(credential), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/roster")
    public RosterView roster(@PathParam("id") String id, @CookieParam(Cookies.STAFF) String credential) {
        Workshop workshop = workshop(id, credential);
        return classroom().roster().snapshot(view(workshop), workshop);
    }

    @GET
    @Path("{id}/roster.csv")
    @Produces("text/csv")
    public Response rosterCsv(@PathParam("id") String id, @CookieParam(Cookies.STAFF) String credential) {
        Workshop workshop = workshop(id, credential);
        String csv = RosterCsv.of(classroom().roster().snapshot(view(workshop), workshop));
        return Response.ok(csv).type("text/csv; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"workshop-" + workshop.code() + ".csv\"").build();
    }

    @POST
    @Path("{id}/broadcast")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response broadcast(@PathParam("id") String id, BroadcastRequest body,
            @CookieParam(Cookies.STAFF) String credential) {
        classroom().announce(staff(credential), id, StaffResource.required(body).message());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/learners/{learner}/reset")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reset(@PathParam("id") String id, @PathParam("learner") String learnerId,
            @CookieParam(Cookies.STAFF) String credential) {
        classroom().learnerSessions().reset(learner(id, learnerId, credential));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/learners/{learner}/fast-forward")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response fastForward(@PathParam("id") String id, @PathParam("learner") String learnerId, MoveRequest body,
            @CookieParam(Cookies.STAFF) String credential) {
        Workshop workshop = workshop(id, credential);
        MoveRequest move = StaffResource.required(body);
        classroom().learnerSessions().moveTo(classroom().learners().get(workshop, learnerId), workshop, move.lesson(),
                move.stage());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/learners/{learner}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response endLearner(@PathParam("id") String id, @PathParam("learner") String learnerId,
            @CookieParam(Cookies.STAFF) String credential) {
        classroom().learnerSessions().end(learner(id, learnerId, credential));
        return Response.noContent().build();
    }

    /** A learner joins with the workshop's code and a display name; the answer sets their learner cookie. */
    @POST
    @Path("join")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response join(JoinRequest body, @QueryParam("lang") String lang) {
        JoinRequest request = StaffResource.required(body);
        Learners.Signed signed = classroom().learners().join(request.code(), request.name());
        classroom().feed().learnerChanged(signed.workshop().id(), signed.learner().id());
        return Response.status(Response.Status.CREATED).entity(LearnerResource.me(engine, signed, signed.key(), lang))
                .cookie(Cookies.learner(signed.key())).build();
    }

    private WorkshopView view(Workshop workshop) {
        return classroom().workshops().view(workshop);
    }

    private Learner learner(String workshopId, String learnerId, String credential) {
        return classroom().learners().get(workshop(workshopId, credential), learnerId);
    }

    private Workshop workshop(String id, String credential) {
        return classroom().workshops().get(staff(credential), id);
    }

    private StaffMember staff(String credential) {
        return classroom().staff().authenticate(credential);
    }

    private Classroom classroom() {
        return engine.classroom();
    }
}
