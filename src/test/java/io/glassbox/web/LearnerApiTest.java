package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.LESSON;
import static io.glassbox.web.WorkshopFixture.OTHER_LESSON;
import static io.glassbox.web.WorkshopFixture.assertError;
import static io.glassbox.web.WorkshopFixture.json;
import static io.glassbox.web.WorkshopFixture.setCookie;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Learners joining and resuming (docs/workshop-api.md, "Learners"): no lab host is started here. */
@QuarkusTest
class LearnerApiTest {

    @Inject
    Engine engine;

    private Staff instructor;
    private Workshop workshop;

    @BeforeEach
    void aWorkshop() {
        instructor = WorkshopFixture.instructor(engine);
        workshop = WorkshopFixture.newWorkshop(instructor);
    }

    @Test
    void joiningSetsALaxHttpOnlyLearnerCookieAndAnswersMe() {
        Response joined = json(Map.of("code", workshop.code().toLowerCase(), "name", "  Ada   Lovelace ")).post(
                "/api/workshops/join");
        joined.then().statusCode(201).body("learner.name", equalTo("Ada Lovelace"))
                .body("workshop.id", equalTo(workshop.id())).body("workshop.title", equalTo(workshop.title()))
                .body("workshop.code", equalTo(workshop.code())).body("workshop.state", equalTo("open"))
                .body("workshop.language", equalTo("en")).body("workshop.announcement", nullValue())
                .body("workshop.lessons.id", contains(LESSON, OTHER_LESSON))
                .body("workshop.lessons[0].title", equalTo("Your own hostname"))
                .body("workshop.lessons[0].stages", equalTo(3)).body("workshop.lessons[0].passed.size()", equalTo(0))
                .body("workshop.lessons[0].done", equalTo(false)).body("current", nullValue());
        String cookie = setCookie(joined, Cookies.LEARNER);
        assertThat(cookie).isNotNull().containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsPattern("(?i)Max-Age=7776000").contains("Path=/");
        String key = joined.cookie(Cookies.LEARNER);
        assertThat((String) joined.path("resumeCode")).isEqualTo(key);
        assertThat((String) joined.path("resumeUrl")).isEqualTo("/resume#" + key);
        assertThat((String) joined.path("learner.id")).isEqualTo(key.substring(0, key.indexOf('.')));

        given().cookie(Cookies.LEARNER, key).get("/api/me").then().statusCode(200)
                .body("learner.name", equalTo("Ada Lovelace")).body("resumeCode", equalTo(key));
        given().cookie(Cookies.LEARNER, key).get("/api/me?lang=zh-CN").then().statusCode(200)
                .body("workshop.lessons[0].title", equalTo("属于你自己的主机名"));
        instructor.given().get(workshop.path("")).then().body("learners", equalTo(1));
        instructor.given().get(workshop.path("/roster")).then().body("learners.name", contains("Ada Lovelace"))
                .body("learners[0].session", nullValue()).body("learners[0].hintsUsed", equalTo(0));
    }

    @Test
    void aNameIsTakenWhateverItsCase() {
        WorkshopFixture.join(workshop, "Grace");
        for (String name : new String[] {"grace", "GRACE", " Grace "}) {
            assertError(json(Map.of("code", workshop.code(), "name", name)).post("/api/workshops/join"), 409,
                    "name-taken");
        }
        // Names are per workshop.
        WorkshopFixture.join(WorkshopFixture.newWorkshop(instructor), "grace");
        instructor.given().get(workshop.path("/roster")).then().body("learners.name", contains("Grace"));
    }

    @Test
    void joiningNeedsAKnownCodeAndADisplayName() {
        assertError(json(Map.of("code", "ZZZZ-ZZZZ", "name", "Ada")).post("/api/workshops/join"), 404,
                "workshop-not-found");
        assertError(json(Map.of("name", "Ada")).post("/api/workshops/join"), 404, "workshop-not-found");
        for (String name : new String[] {"", "   ", "x".repeat(41), "bell\u0007", "\u001b[31mred"}) {
            assertError(json(Map.of("code", workshop.code(), "name", name)).post("/api/workshops/join"), 400,
                    "invalid-request");
        }
        assertError(json(Map.of("code", workshop.code())).post("/api/workshops/join"), 400, "invalid-request");
        assertError(given().contentType(ContentType.JSON).post("/api/workshops/join"), 400, "invalid-request");
        given().contentType(ContentType.URLENC).formParam("code", workshop.code()).formParam("name", "Form")
                .post("/api/workshops/join").then().statusCode(415);
        instructor.given().get(workshop.path("")).then().body("learners", equalTo(0));
    }

    @Test
    void meNeedsAKnownLearnerKey() {
        assertError(given().get("/api/me"), 401, "learner-key-missing");
        assertError(given().cookie(Cookies.LEARNER, "").get("/api/me"), 401, "learner-key-missing");
        Learner learner = WorkshopFixture.join(workshop, "Barbara");
        String id = learner.cookie().substring(0, learner.cookie().indexOf('.'));
        for (String bad : new String[] {"garbage", id, id + ".", id + ".wrong-secret", "0123456789abcdef.secret",
                "." + learner.cookie()}) {
            assertError(given().cookie(Cookies.LEARNER, bad).get("/api/me"), 401, "learner-key-unknown");
        }
        // A staff cookie is not a learner key.
        assertError(instructor.given().get("/api/me"), 401, "learner-key-missing");
        assertError(given().cookie(Cookies.LEARNER, instructor.cookie()).get("/api/me"), 401, "learner-key-unknown");
    }

    @Test
    void theResumeCodeSignsInASecondDevice() {
        Response joined = json(Map.of("code", workshop.code(), "name", "Katherine")).post("/api/workshops/join");
        String code = joined.path("resumeCode");
        Response resumed = json(Map.of("key", " " + code + "\n")).post("/api/learners/resume");
        resumed.then().statusCode(200).body("learner.name", equalTo("Katherine"))
                .body("learner.id", equalTo(joined.path("learner.id"))).body("resumeCode", equalTo(code))
                .body("workshop.id", equalTo(workshop.id()));
        assertThat(setCookie(resumed, Cookies.LEARNER)).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
        String second = resumed.cookie(Cookies.LEARNER);
        assertThat(second).isEqualTo(code);
        given().cookie(Cookies.LEARNER, second).get("/api/me").then().statusCode(200)
                .body("learner.name", equalTo("Katherine"));

        assertError(json(Map.of("key", code + "x")).post("/api/learners/resume"), 401, "learner-key-unknown");
        assertError(json(Map.of("key", "garbage")).post("/api/learners/resume"), 401, "learner-key-unknown");
        assertError(json(Map.of()).post("/api/learners/resume"), 401, "learner-key-missing");
        assertThat(setCookie(json(Map.of("key", "garbage")).post("/api/learners/resume"), Cookies.LEARNER)).isNull();
    }

    @Test
    void logoutForgetsThisDeviceButTheResumeCodeStillWorks() {
        Learner learner = WorkshopFixture.join(workshop, "Dorothy");
        Response out = learner.given().contentType(ContentType.JSON).body("{}").post("/api/learners/logout");
        out.then().statusCode(204);
        assertThat(setCookie(out, Cookies.LEARNER)).containsPattern("(?i)Max-Age=0");
        json(Map.of("key", learner.cookie())).post("/api/learners/resume").then().statusCode(200)
                .body("learner.name", equalTo("Dorothy"));
    }

    @Test
    void theRosterCsvHasAHeaderAndOneSafeRowPerLearner() {
        for (String name : new String[] {"Ada", "=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1)", "+1", "-1",
                "Lovelace, Ada"}) {
            WorkshopFixture.join(workshop, name);
        }
        Response csv = instructor.given().get(workshop.path("/roster.csv"));
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"workshop-" + workshop.code() + ".csv\"");
        List<String> lines = List.of(csv.asString().split("\r\n"));
        assertThat(lines.get(0)).startsWith("name,joined,last seen,lesson,stage,stages passed,checks,failed in a row,"
                + "hints,show me," + LESSON + "/new-uts-namespace," + LESSON + "/set-hostname," + LESSON
                + "/back-to-the-lab-host," + OTHER_LESSON + "/new-pid-namespace,");
        int stages = lines.get(0).split(",").length - 10;
        assertThat(lines).hasSize(7);
        assertThat(lines.get(1)).startsWith("Ada,").endsWith(",,,0,0,0,0,0" + ",".repeat(stages));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\","))
                .anySatisfy(line -> assertThat(line).startsWith("'@SUM(A1),"))
                .anySatisfy(line -> assertThat(line).startsWith("'+1,"))
                .anySatisfy(line -> assertThat(line).startsWith("'-1,"))
                .anySatisfy(line -> assertThat(line).startsWith("\"Lovelace, Ada\","))
                .noneSatisfy(line -> assertThat(line).matches("(?s)(^|.*,)\"?[=+@-].*"));
    }

    @Test
    void aBroadcastIsShownToLearnersWhoComeLater() {
        instructor.json(Map.of("message", "Welcome! Start with lesson 02.")).post(workshop.path("/broadcast")).then()
                .statusCode(204);
        Learner late = WorkshopFixture.join(workshop, "Late Comer");
        late.given().get("/api/me").then().statusCode(200)
                .body("workshop.announcement.message", equalTo("Welcome! Start with lesson 02."));
    }
}
