package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.workshop.StaffAccounts;
import io.glassbox.workshop.WorkshopException;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Staff accounts and signing in (docs/workshop-api.md, "Staff"). */
@Path("/api/staff")
@Produces(MediaType.APPLICATION_JSON)
public class StaffResource {

    private final Engine engine;

    public StaffResource(Engine engine) {
        this.engine = engine;
    }

    public record Credentials(String username, String password, String token, String role) {
    }

    /** A staff account as the API shows it. */
    public record Account(String username, String role, Instant created) {

        static Account of(StaffMember member) {
            return new Account(member.username(), member.role().wireName(), member.created());
        }
    }

    @GET
    @Path("setup")
    public Map<String, Boolean> setupNeeded() {
        return Map.of("needed", accounts().setupNeeded());
    }

    @POST
    @Path("setup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setUp(Credentials body) {
        Credentials c = required(body);
        return signedIn(accounts().setUp(c.token(), c.username(), c.password()), Response.Status.CREATED);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(Credentials body) {
        Credentials c = required(body);
        return signedIn(accounts().signIn(c.username(), c.password()), Response.Status.OK);
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signOut(@CookieParam(Cookies.STAFF) String credential) {
        accounts().signOut(credential);
        return Response.noContent().cookie(Cookies.cleared(Cookies.STAFF)).build();
    }

    @GET
    @Path("me")
    public Account me(@CookieParam(Cookies.STAFF) String credential) {
        return Account.of(accounts().authenticate(credential));
    }

    @GET
    public List<Account> all(@CookieParam(Cookies.STAFF) String credential) {
        return accounts().all(accounts().authenticate(credential)).stream().map(Account::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Credentials body, @CookieParam(Cookies.STAFF) String credential) {
        StaffMember by = accounts().authenticate(credential);
        Credentials c = required(body);
        Role role = Role.parse(c.role() == null ? "assistant" : c.role()).orElseThrow(() -> new WorkshopException(
                WorkshopException.Reason.INVALID, "\"role\" is \"assistant\" or \"instructor\"."));
        return Response.status(Response.Status.CREATED)
                .entity(Account.of(accounts().create(by, c.username(), c.password(), role))).build();
    }

    private StaffAccounts accounts() {
        return engine.classroom().staff();
    }

    private Response signedIn(StaffAccounts.SignIn signIn, Response.Status status) {
        return Response.status(status).entity(Account.of(signIn.member()))
                .cookie(Cookies.staff(signIn.credential(), engine.config().workshops().staffSignIn())).build();
    }

    static <T> T required(T body) {
        if (body == null) {
            throw new WorkshopException(WorkshopException.Reason.INVALID, "This request needs a JSON body; see"
                    + " docs/workshop-api.md.");
        }
        return body;
    }
}
