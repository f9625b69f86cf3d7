package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.host.ProbeResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the engine has started; the probe's findings ride along as data. */
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
                .withData("kernel", engine.report().kernelRelease())
                .withData("isolation", engine.isolation().mode().configValue());
        for (ProbeResult probe : engine.report().probes()) {
            response.withData(probe.name(), probe.ok() ? "yes" : "no: " + probe.detail());
        }
        return response.build();
    }
}
