package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.glassbox.web.WorkshopFixture.FIRST_STAGE;
import static io.glassbox.web.WorkshopFixture.LESSON;
import static io.glassbox.web.WorkshopFixture.NOT_IN_WORKSHOP;
import static io.glassbox.web.WorkshopFixture.OTHER_LESSON;
import static io.glassbox.web.WorkshopFixture.WAIT;
import static io.glassbox.web.WorkshopFixture.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.glassbox.client.TerminalClient;
import io.glassbox.web.WorkshopFixture.LabSession;
import io.glassbox.web.WorkshopFixture.Learner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A workshop learner's lab host (docs/workshop-api.md, "Learners"): one per learner, taken over by a second
 * device, out of reach of other learners, and every hint, Show me and check on the roster.
 */
@QuarkusTest
@Tag("kernel")
class LearnerSessionTest extends WorkshopLabTest {

    @Test
    void aLearnerHasOneLabHostWhicheverDeviceAsks() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        LabSession first = lab.start(ada, LESSON);
        assertThat(first.status()).isEqualTo(201);
        first.response().then().body("lesson", equalTo(LESSON)).body("stage", equalTo(FIRST_STAGE))
                .body("token", notNullValue()).body("fastForward", nullValue());
        first.given().get("/api/sessions/" + first.id()).then().statusCode(200).body("stage", equalTo(FIRST_STAGE));

        // A second device signs in with the resume code and takes over the same lab host.
        String key = WorkshopFixture.json(Map.of("key", ada.cookie())).post("/api/learners/resume").cookie(Cookies.LEARNER);
        LabSession again = lab.start(new Learner(ada.id(), ada.name(), key), LESSON);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.token()).isEqualTo(first.token());

        assertError(ada.given().contentType(ContentType.JSON).body(Map.of("lesson", NOT_IN_WORKSHOP))
                .post("/api/sessions"), 404, "lesson-not-found");
        assertError(ada.given().contentType(ContentType.JSON).body(Map.of("lesson", "99-no-such-lesson"))
                .post("/api/sessions"), 404, "lesson-not-found");
        assertError(ada.given().contentType(ContentType.JSON).body(Map.of("lesson", "../etc"))
                .post("/api/sessions"), 400, "invalid-request");
        assertError(given().cookie(Cookies.LEARNER, "garbage.key").contentType(ContentType.JSON)
                .body(Map.of("lesson", LESSON)).post("/api/sessions"), 401, "learner-key-unknown");
        first.given().get("/api/sessions/" + first.id()).then().statusCode(200);
        owner.given().get(workshop.path("/roster")).then()
                .body("learners[0].session.id", equalTo(first.id())).body("learners[0].session.state", equalTo("running"))
                .body("learners[0].lesson", equalTo(LESSON)).body("learners[0].stage", equalTo(FIRST_STAGE));

        // Another of the workshop's lessons replaces the lab host.
        LabSession other = lab.start(ada, OTHER_LESSON);
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.id()).isNotEqualTo(first.id());
        assertError(first.given().get("/api/sessions/" + first.id()), 404, "session-not-found");
    }

    @Test
    void anotherLearnerNeverReachesTheFirstLearnersLabHost() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        Learner eve = WorkshopFixture.join(workshop, "Eve");
        LabSession adas = lab.start(ada, LESSON);
        LabSession eves = lab.start(eve, LESSON);
        assertThat(eves.status()).isEqualTo(201);
        assertThat(eves.id()).isNotEqualTo(adas.id());

        String path = "/api/sessions/" + adas.id();
        assertError(eves.given().get(path), 403, "token-wrong");
        assertError(eves.given().get(path + "/terminals"), 403, "token-wrong");
        assertError(eves.given().post(path + "/check"), 403, "token-wrong");
        assertError(eves.given().post(path + "/solve"), 403, "token-wrong");
        assertError(eves.given().contentType(ContentType.JSON).body(Map.of("stage", FIRST_STAGE, "hint", 0))
                .post(path + "/hint"), 403, "token-wrong");
        assertError(eves.given().delete(path), 403, "token-wrong");
        // Her cookie does not help either: sessions answer to their token only.
        assertError(eve.given().get(path), 401, "token-missing");
        TerminalClient hijack = lab.socket(path + "/terminals/1?token=" + eves.token(), Map.of());
        assertThat(hijack.awaitClose(WAIT).code()).isEqualTo(1008);

        adas.given().get(path).then().statusCode(200).body("state", equalTo("running"));
        JsonPath roster = owner.given().get(workshop.path("/roster")).then().extract().jsonPath();
        assertThat(roster.getString("learners.find { it.name == 'Ada' }.session.id")).isEqualTo(adas.id());
        assertThat(roster.getString("learners.find { it.name == 'Eve' }.session.id")).isEqualTo(eves.id());
        assertThat(roster.getInt("learners.find { it.name == 'Ada' }.hintsUsed")).isZero();
    }

    @Test
    void hintsShowMeAndChecksAreCountedOnTheRoster() {
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        LabSession session = lab.start(ada, LESSON);
        TerminalClient terminal = lab.shell(session);
        String path = "/api/sessions/" + session.id();

        for (int hint = 0; hint < 2; hint++) {
            session.given().contentType(ContentType.JSON).body(Map.of("stage", FIRST_STAGE, "hint", hint))
                    .post(path + "/hint").then().statusCode(204);
        }
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("stage", FIRST_STAGE, "hint", 2),
                Map.of("stage", FIRST_STAGE, "hint", -1), Map.of("stage", "no-such-stage", "hint", 0),
                Map.of("stage", FIRST_STAGE), Map.of("hint", 0))) {
            assertError(session.given().contentType(ContentType.JSON).body(bad).post(path + "/hint"), 400,
                    "invalid-request");
        }
        assertError(given().contentType(ContentType.JSON).body(Map.of("stage", FIRST_STAGE, "hint", 0))
                .post(path + "/hint"), 401, "token-missing");

        session.given().post(path + "/check").then().statusCode(200).body("passed", equalTo(false));
        owner.given().get(workshop.path("/roster")).then().statusCode(200)
                .body("learners[0].hintsUsed", equalTo(2)).body("learners[0].showMeUsed", equalTo(0))
                .body("learners[0].checks", greaterThanOrEqualTo(1)).body("learners[0].failedInARow", equalTo(1))
                .body("learners[0].lastCheck.lesson", equalTo(LESSON))
                .body("learners[0].lastCheck.stage", equalTo(FIRST_STAGE))
                .body("learners[0].lastCheck.passed", equalTo(false))
                .body("learners[0].lastCheck.results[0].passed", equalTo(false))
                .body("learners[0].lastCheck.results[0].expected", notNullValue())
                .body("learners[0].lastCheck.at", notNullValue());

        session.given().post(path + "/solve").then().statusCode(202).body("stage", equalTo(FIRST_STAGE));
        terminal.awaitText("unshare --uts bash", WAIT);
        WorkshopFixture.await(() -> passed(roster()).contains(LESSON + "/" + FIRST_STAGE), WAIT,
                "the stage passed after Show me");
        JsonPath roster = roster();
        assertThat(roster.getInt("learners[0].showMeUsed")).isEqualTo(1);
        assertThat(roster.getInt("learners[0].hintsUsed")).isEqualTo(2);
        assertThat(roster.getInt("learners[0].checks")).isGreaterThanOrEqualTo(2);
        assertThat(roster.getString("learners[0].stage")).isEqualTo(WorkshopFixture.SECOND_STAGE);
        assertThat(roster.getString("learners[0].lastCheck.lesson")).isEqualTo(LESSON);
        ada.given().get("/api/me").then().statusCode(200).body("workshop.lessons[0].passed[0]", equalTo(FIRST_STAGE))
                .body("current.stage", equalTo(WorkshopFixture.SECOND_STAGE));

        String csv = owner.given().get(workshop.path("/roster.csv")).then().statusCode(200).extract().asString();
        String row = csv.split("\r\n")[1];
        assertThat(row).startsWith("Ada,").contains("," + LESSON + "," + WorkshopFixture.SECOND_STAGE + ",1,")
                .contains(",2,1,passed,");
    }

    private JsonPath roster() {
        return owner.given().get(workshop.path("/roster")).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> passed(JsonPath roster) {
        return roster.getList("learners[0].passed", String.class);
    }
}
