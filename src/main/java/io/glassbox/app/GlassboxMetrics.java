package io.glassbox.app;

import io.glassbox.sandbox.Sandbox;
import io.glassbox.session.SessionException;
import io.glassbox.session.SessionMetrics;
import io.glassbox.session.SessionRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * Glassbox's Prometheus metrics, served at /q/metrics: the session layer reports through {@link SessionMetrics},
 * the gauges read the registry and the sandbox when scraped. Names (as Prometheus shows them):
 * glassbox_sessions_active, glassbox_sessions_max, glassbox_sessions_warm, glassbox_lab_hosts_alive,
 * glassbox_session_start_seconds, glassbox_sessions_refused_total{reason},
 * glassbox_teardown_seconds{outcome}, glassbox_checks_total{result,trigger}.
 */
@ApplicationScoped
public class GlassboxMetrics implements SessionMetrics {

    private final MeterRegistry registry;
    private final Timer sessionStart;

    public GlassboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sessionStart = Timer.builder("glassbox.session.start")
                .description("From POST /api/sessions to a lab host ready for its shell")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    /** Registers the gauges over the running engine. */
    void watch(SessionRegistry sessions, Sandbox sandbox) {
        Gauge.builder("glassbox.sessions.active", sessions, s -> s.running().size())
                .description("Sessions running now").register(registry);
        Gauge.builder("glassbox.sessions.max", sessions, s -> s.settings().max())
                .description("Sessions allowed at once (glassbox.sessions.max)").register(registry);
        Gauge.builder("glassbox.sessions.warm", sessions, SessionRegistry::warmCount)
                .description("Lab hosts started ahead of demand, waiting for a session").register(registry);
        Gauge.builder("glassbox.lab.hosts.alive", sandbox, Sandbox::liveCount)
                .description("Lab hosts alive: in sessions, warm, or being torn down").register(registry);
    }

    @Override
    public void sessionStarted(Duration took) {
        sessionStart.record(took);
    }

    @Override
    public void sessionRefused(SessionException.Reason reason) {
        Counter.builder("glassbox.sessions.refused").description("Sessions refused, by reason")
                .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    @Override
    public void teardownFinished(Duration took, boolean succeeded) {
        Timer.builder("glassbox.teardown").description("Lab host teardowns")
                .tag("outcome", succeeded ? "ok" : "failed").register(registry).record(took);
    }

    @Override
    public void stageChecked(boolean passed, boolean automatic) {
        Counter.builder("glassbox.checks").description("Lesson stage checks")
                .tag("result", passed ? "passed" : "failed").tag("trigger", automatic ? "auto" : "button")
                .register(registry).increment();
    }
}
