package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.host.ProbeResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the engine has started and nothing blocks lab hosts. /q/health/ready is as public as GET /api/host,
 * so it carries what the public host view does, the isolation mode, and each probe as yes or no, but not the
 * kernel release nor the probes' details (paths, versions, errors): staff see those in GET /api/host and the
 * server's start-up log (docs/session-api.md).
 */
@Readiness
@ApplicationScoped
public class HostReadinessCheck implements HealthCheck {

    private final Engine engine;

    public HostReadinessCheck(Engine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("glassbox-host");
        if (engine.report() == null || engine.sandbox() == null) {
            return response.down().withData("reason", "the engine has not started").build();
        }
        response.status(engine.report().blockers().isEmpty())
                .withData("isolation", engine.isolation().mode().configValue());
        for (ProbeResult probe : engine.report().probes()) {
            response.withData(probe.name(), probe.ok() ? "yes" : "no (the start-up log says why)");
        }
        return response.build();
    }
}
