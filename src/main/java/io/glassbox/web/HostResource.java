package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.host.HostReport;
import io.glassbox.session.Admission;
import io.glassbox.workshop.WorkshopException;
import io.glassbox.workshop.store.StoreException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * GET /api/host. Anyone sees whether the server is ready, its isolation mode (any learner reads it in their lab
 * host anyway) and whether a free session could start now: what a page needs. A signed-in staff member (the
 * staff cookie) also sees what the start-up probe found (kernel release, tools, paths), the machine's memory
 * and how full the server is. Those help someone pick an exploit or time an attack and are no business of an
 * anonymous caller (issue 12, item 7; docs/session-api.md).
 */
@Path("/api/host")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    private final Engine engine;

    public HostResource(Engine engine) {
        this.engine = engine;
    }

    /** What any caller sees; {@code view} is "public", {@code staffView} says how to see more. */
    public record PublicView(String view, boolean ready, String isolation, FreeSessions freeSessions,
            String staffView) {
    }

    /** Free (anonymous) sessions: whether this server gives them, and whether one could start now. */
    public record FreeSessions(boolean offered, boolean available) {
    }

    /**
     * What signed-in staff see: the probe report with the chosen isolation mode and why, sessions running and
     * allowed (of which anonymous, and their share), warm and live lab hosts, and the machine's available
     * memory (null if unknown).
     */
    public record HostView(String view, boolean ready, HostReport probe, String isolation, String isolationReason,
            int sessionsRunning, int sessionsMax, int sessionsWarm, int labHostsAlive, int anonymousRunning,
            int anonymousMax, Long memoryAvailableBytes, String confinement) {
    }

    @GET
    public Object get(@CookieParam(Cookies.STAFF) String staff) {
        boolean ready = engine.report() != null && engine.report().blockers().isEmpty();
        Admission admission = engine.admission();
        if (!isStaff(staff)) {
            return new PublicView("public", ready, engine.isolation().mode().configValue(),
                    new FreeSessions(admission.settings().anonymousMax() > 0, admission.anonymousAvailable()
                            && engine.sessions().running().size() < engine.sessions().settings().max()),
                    "Staff signed in at /staff also see the host probe, memory and session counts here.");
        }
        return new HostView("staff", ready, engine.report(), engine.isolation().mode().configValue(),
                engine.isolation().reason(), engine.sessions().running().size(), engine.sessions().settings().max(),
                engine.sessions().warmCount(), engine.sandbox().liveCount(), admission.anonymousHeld(),
                admission.settings().anonymousMax(), engine.memoryAvailable().orElse(null),
                engine.sandbox().confinement().describe());
    }

    /** Whether the cookie is a signed-in staff member's; a stale cookie or a database outage shows the public view. */
    private boolean isStaff(String credential) {
        if (credential == null || credential.isBlank()) {
            return false;
        }
        try {
            engine.classroom().staff().authenticate(credential);
            return true;
        } catch (WorkshopException | StoreException e) {
            return false;
        }
    }
}
