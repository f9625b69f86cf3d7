package io.glassbox.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.glassbox.app.Engine;
import io.glassbox.session.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sessions API against real lab hosts. */
@QuarkusTest
@Tag("kernel")
class SessionResourceTest {

    @Inject
    Engine engine;

    private final List<String[]> created = new ArrayList<>();

    @AfterEach
    void deleteSessions() {
        for (String[] session : created) {
            given().header("Authorization", "Bearer " + session[1]).delete("/api/sessions/" + session[0]);
        }
        awaitNoSessionsEnding();
    }

    private String[] create() {
        Response response = given().contentType(ContentType.JSON).body("{}").post("/api/sessions");
        response.then().statusCode(201);
        String[] session = {response.path("id"), response.path("token")};
        created.add(session);
        return session;
    }

    @Test
    void createReturnsEverythingAClientNeedsAndStartsALabHost() {
        Response response = given().contentType(ContentType.JSON).body("{}").post("/api/sessions");
        response.then().statusCode(201)
                .header("Location", containsString("/api/sessions/"))
                .body("id", matchesPattern("[0-9a-f]{32}"))
                .body("token", matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("lesson", nullValue())
                .body("stage", nullValue())
                .body("hostname", startsWith("lab-"));
        String id = response.path("id");
        String token = response.path("token");
        created.add(new String[] {id, token});
        assertThat((String) response.path("terminalUrl")).isEqualTo("/api/sessions/" + id + "/terminals/1?token=" + token);

        Session session = engine.sessions().get(id);
        assertThat(Files.isDirectory(Path.of("/proc", Long.toString(session.labHost().initPid())))).isTrue();
        given().header("Authorization", "Bearer " + token).get("/api/sessions/" + id).then().statusCode(200)
                .body("state", equalTo("running")).body("isolation", equalTo("userns"))
                .body("hostname", equalTo(session.labHost().hostname()));
    }

    @Test
    void aLessonSessionStartsAtItsFirstStage() {
        Response response = given().contentType(ContentType.JSON).body("{\"lesson\":\"02-uts-namespace\"}")
                .post("/api/sessions");
        response.then().statusCode(201).body("lesson", equalTo("02-uts-namespace"))
                .body("stage", equalTo("new-uts-namespace"));
        created.add(new String[] {response.path("id"), response.path("token")});
        given().contentType(ContentType.JSON).body("{\"lesson\":\"99-no-such-lesson\"}").post("/api/sessions").then()
                .statusCode(404).body("message", containsString("GET /api/lessons lists the lessons"));
    }

    @Test
    void readingOrDeletingNeedsTheSessionsOwnToken() {
        String[] first = create();
        String[] second = create();
        given().get("/api/sessions/" + first[0]).then().statusCode(401).body("error", equalTo("token-missing"));
        given().header("Authorization", "Bearer " + second[1]).get("/api/sessions/" + first[0]).then()
                .statusCode(403).body("error", equalTo("token-wrong"));
        given().header("Authorization", "Bearer " + second[1]).delete("/api/sessions/" + first[0]).then()
                .statusCode(403);
        given().header("Authorization", "Bearer " + first[1]).get("/api/sessions/0123456789abcdef0123456789abcdef")
                .then().statusCode(404).body("error", equalTo("session-not-found"))
                .body("message", containsString("start a new one"));
    }

    @Test
    void deleteAnswersAtOnceAndTheLabHostGoesAway() {
        String[] session = create();
        long init = engine.sessions().get(session[0]).labHost().initPid();
        long started = System.nanoTime();
        given().header("Authorization", "Bearer " + session[1]).delete("/api/sessions/" + session[0]).then()
                .statusCode(202).body("state", equalTo("ending"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        given().header("Authorization", "Bearer " + session[1]).get("/api/sessions/" + session[0]).then()
                .statusCode(404);
        awaitNoSessionsEnding();
        assertThat(Path.of("/proc", Long.toString(init))).doesNotExist();
    }

    @Test
    void aFullServerSaysSoWith503() {
        // Anonymous callers fill the free sessions' share first (the rest is kept for workshop learners: the
        // whole server full is AdmissionApiTest's).
        int free = engine.admission().settings().anonymousMax();
        for (int i = 0; i < free; i++) {
            create();
        }
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions").then().statusCode(503)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("error", equalTo("free-sandboxes-full"))
                .body("message", containsString("All " + free + " lab hosts for free sessions are in use"));
    }

    @Test
    void badRequestsGetAClearJsonError() {
        given().contentType(ContentType.JSON).body("{not json").post("/api/sessions").then().statusCode(400)
                .body("error", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).body("{\"lesson\":\"../../etc/passwd\"}").post("/api/sessions").then()
                .statusCode(400).body("error", equalTo("invalid-request"))
                .body("message", containsString("must be a lesson id"));
        given().contentType(ContentType.JSON).body("{\"lesson\":\"" + "a".repeat(5000) + "\"}").post("/api/sessions")
                .then().statusCode(400);
        given().get("/api/no-such-thing").then().statusCode(404).body("error", equalTo("http-404"));
        given().contentType(ContentType.JSON).body("[1,2,3]").post("/api/sessions").then().statusCode(400)
                .body("error", equalTo("invalid-request")).body("message", containsString("wrong shape"));
    }

    @Test
    void theHostReportAndReadinessShowTheProbe() {
        // The probe, memory and counts are for staff (AdmissionApiTest shows what anonymous callers see).
        WorkshopFixture.instructor(engine).given().get("/api/host").then().statusCode(200)
                .body("isolation", equalTo("userns"))
                .body("probe.userNamespaces.ok", equalTo(true))
                .body("probe.overlayInUserNamespace.ok", equalTo(true))
                .body("sessionsMax", equalTo(engine.sessions().settings().max()))
                .body("labHostsAlive", equalTo(engine.sandbox().liveCount()))
                .body("memoryAvailableBytes", greaterThan(0L));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks[0].data.isolation", equalTo("userns"));
    }

    @Test
    void prometheusMetricsFollowSessionsAndTeardowns() {
        String[] session = create();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("glassbox_sessions_active " + engine.sessions().running().size() + ".0")
                .contains("glassbox_sessions_max 6.0")
                .containsPattern("glassbox_session_start_seconds_count [1-9]")
                .containsPattern("glassbox_session_start_seconds\\{quantile=\"0.5\",?\\} ")
                .contains("glassbox_lab_hosts_alive ");
        given().header("Authorization", "Bearer " + session[1]).delete("/api/sessions/" + session[0])
                .then().statusCode(202);
        created.clear();
        awaitNoSessionsEnding();
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("glassbox_teardown_seconds_count\\{outcome=\"ok\",?\\} [1-9]");
    }

    private void awaitNoSessionsEnding() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.sessions().endingCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
