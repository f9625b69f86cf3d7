package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.host.HostReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /api/host: what the start-up probe found and the isolation mode in force. */
@Path("/api/host")
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    private final Engine engine;

    public HostResource(Engine engine) {
        this.engine = engine;
    }

    /**
     * The probe report with the chosen isolation mode and why, and what an instructor needs to see how full
     * the server is: sessions running and allowed, warm and live lab hosts, and the machine's available memory
     * (null if unknown).
     */
    public record HostView(HostReport probe, String isolation, String isolationReason, int sessionsRunning,
            int sessionsMax, int sessionsWarm, int labHostsAlive, Long memoryAvailableBytes, String confinement) {
    }

    @GET
    public HostView get() {
        return new HostView(engine.report(), engine.isolation().mode().configValue(), engine.isolation().reason(),
                engine.sessions().running().size(), engine.sessions().settings().max(), engine.sessions().warmCount(),
                engine.sandbox().liveCount(), engine.memoryAvailable().orElse(null),
                engine.sandbox().confinement().describe());
    }
}
