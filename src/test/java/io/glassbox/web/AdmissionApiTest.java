package io.glassbox.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Admission over HTTP (docs/session-api.md): per-address caps and rates with X-Forwarded-For through a trusted
 * proxy (the test client is that proxy, on loopback), the free sessions' share against workshop learners, and
 * what GET /api/host shows anonymous callers and staff. Its own profile: small per-address limits, 6 sessions of
 * which 3 may be free ones.
 */
@QuarkusTest
@Tag("kernel")
@TestProfile(AdmissionApiTest.SmallLimits.class)
class AdmissionApiTest {

    /** Limits small enough to reach with a few lab hosts; learners unlimited so they can fill the server. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> limits = Map.of("glassbox.admission.trusted-proxies", "127.0.0.1,::1",
                    "glassbox.admission.per-address-max", "2", "glassbox.admission.per-address-burst", "3",
                    "glassbox.admission.per-address-interval", "60s", "glassbox.admission.per-learner-burst", "1000",
                    // A database of its own: H2 2.4 fails the staff table's check constraint ("the database has
                    // been closed") on an in-memory database the previous application instance used.
                    "quarkus.datasource.h2.jdbc.url", "jdbc:h2:mem:glassbox-admission;DB_CLOSE_DELAY=-1");
            Map<String, String> both = new HashMap<>(limits);
            limits.forEach((key, value) -> both.put("%test." + key, value)); // over application.properties' %test keys
            return both;
        }
    }

    @Inject
    Engine engine;

    private final List<Response> started = new ArrayList<>();

    @BeforeEach
    @AfterEach
    void endSessions() {
        for (Response session : started) {
            given().header("Authorization", "Bearer " + session.path("token")).delete("/api/sessions/" + session.path("id"));
        }
        started.clear();
        WorkshopFixture.await(() -> engine.sessions().endingCount() == 0 && engine.sessions().running().isEmpty(),
                Duration.ofSeconds(30), "no session running or ending");
    }

    private Response anonymous(String address) {
        Response response = given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body("{}")
                .post("/api/sessions");
        if (response.statusCode() == 201) {
            started.add(response);
        }
        return response;
    }

    private Response learner(Learner learner) {
        Response response = learner.given().contentType(ContentType.JSON)
                .body(Map.of("lesson", WorkshopFixture.LESSON)).post("/api/sessions");
        if (response.statusCode() == 201) {
            started.add(response);
        }
        return response;
    }

    @Test
    void anAddressAtItsCapGets429WhileAnotherAddressStillGetsASession() {
        anonymous("198.51.100.1").then().statusCode(201);
        anonymous("198.51.100.1").then().statusCode(201);
        anonymous("198.51.100.1").then().statusCode(429).contentType(ContentType.JSON)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("error", equalTo("too-many-sessions"))
                .body("message", containsString("already has 2 sessions running"))
                .body("message", containsString("End one first"));
        anonymous("198.51.100.2").then().statusCode(201);
        // Ending one frees its place at once.
        Response first = started.remove(0);
        given().header("Authorization", "Bearer " + first.path("token")).delete("/api/sessions/" + first.path("id"))
                .then().statusCode(202);
        anonymous("198.51.100.1").then().statusCode(201);
    }

    @Test
    void anAddressStartingTooOftenIsToldWhenToTryAgain() {
        for (int i = 0; i < 3; i++) {
            Response session = anonymous("198.51.100.3");
            session.then().statusCode(201);
            given().header("Authorization", "Bearer " + session.path("token")).delete("/api/sessions/" + session.path("id"));
        }
        Response refused = anonymous("198.51.100.3");
        refused.then().statusCode(429).body("error", equalTo("rate-limited"))
                .body("message", containsString("3 at once, then one every 60 s"))
                .body("message", containsString("Try again in"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void freeSessionsStopAtTheirShareWhileWorkshopLearnersUseTheRest() {
        anonymous("198.51.100.4").then().statusCode(201);
        anonymous("198.51.100.4").then().statusCode(201);
        anonymous("198.51.100.5").then().statusCode(201);
        anonymous("198.51.100.6").then().statusCode(503).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("error", equalTo("free-sandboxes-full"))
                .body("message", containsString("All 3 lab hosts for free sessions are in use"))
                .body("message", containsString("kept for workshops"));

        Staff instructor = WorkshopFixture.instructor(engine);
        Workshop workshop = WorkshopFixture.newWorkshop(instructor);
        for (int i = 0; i < 3; i++) {
            learner(WorkshopFixture.join(workshop, "Learner " + i)).then().statusCode(201);
        }
        // The server is full now: a learner gets the capacity answer, which their page queues on.
        Response full = learner(WorkshopFixture.join(workshop, "Late learner"));
        full.then().statusCode(503).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("error", equalTo("capacity")).body("message", containsString("All 6 lab hosts are in use"));
    }

    @Test
    void anonymousCallersSeeReadinessButNotTheMachineAndStaffSeeEverything() {
        String kernel = engine.report().kernelRelease();
        Response anonymous = given().get("/api/host");
        anonymous.then().statusCode(200).body("view", equalTo("public")).body("ready", equalTo(true))
                .body("isolation", equalTo("userns")).body("freeSessions.offered", equalTo(true))
                .body("freeSessions.available", equalTo(true)).body("probe", nullValue())
                .body("memoryAvailableBytes", nullValue()).body("sessionsRunning", nullValue())
                .body("sessionsMax", nullValue()).body("staffView", containsString("/staff"));
        assertThat(anonymous.asString()).doesNotContain(kernel);
        given().cookie(Cookies.STAFF, "not.a-staff-cookie").get("/api/host").then().statusCode(200)
                .body("view", equalTo("public"));

        Staff assistant = WorkshopFixture.newStaff(engine, "assistant");
        assistant.given().get("/api/host").then().statusCode(200).body("view", equalTo("staff"))
                .body("probe.kernelRelease", equalTo(kernel)).body("probe.userNamespaces.ok", equalTo(true))
                .body("sessionsMax", equalTo(6)).body("anonymousMax", equalTo(3))
                .body("labHostsAlive", equalTo(engine.sandbox().liveCount()))
                .body("memoryAvailableBytes", greaterThan(0L));

        Response ready = given().get("/q/health/ready");
        ready.then().statusCode(200).body("status", equalTo("UP")).body("checks[0].data.isolation", equalTo("userns"))
                .body("checks[0].data.kernel", nullValue());
        assertThat(ready.asString()).doesNotContain(kernel);
    }

    @Test
    void aClientLyingInForwardedForBorrowsNoOtherAllowance() {
        // The proxy (this test client, trusted) appended the real address 198.51.100.7; the client had written a
        // new fake one before it each time. Only the rightmost untrusted hop counts. An untrusted peer's header
        // is not read at all: ClientAddressTest.
        anonymous("192.0.2.50, 198.51.100.7").then().statusCode(201);
        anonymous("192.0.2.51, 198.51.100.7").then().statusCode(201);
        anonymous("192.0.2.52, 198.51.100.7").then().statusCode(429).body("error", equalTo("too-many-sessions"))
                .body("message", not(containsString("192.0.2")));
    }
}
