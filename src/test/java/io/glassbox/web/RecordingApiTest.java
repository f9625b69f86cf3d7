package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.FIRST_STAGE;
import static io.glassbox.web.WorkshopFixture.LESSON;
import static io.glassbox.web.WorkshopFixture.WAIT;
import static io.glassbox.web.WorkshopFixture.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.client.TerminalClient;
import io.glassbox.web.WorkshopFixture.LabSession;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Recordings over the API (docs/workshop-api.md, "Recordings"): a learner's session is recorded with its output and
 * a marker for every check and hint; the learner replays their own, the workshop's staff any of its learners', and
 * everyone else is refused as elsewhere (401 without sign-in, 404 for what is not theirs). Deleting the workshop
 * deletes the recordings.
 */
@QuarkusTest
@Tag("kernel")
class RecordingApiTest extends WorkshopLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Staff assistant;
    private Staff outsider;
    private Learner ada;
    private Learner bob;

    @BeforeEach
    void staffAndTwoLearners() {
        assistant = WorkshopFixture.newAssistant(engine, owner, workshop);
        outsider = WorkshopFixture.newStaff(engine, "instructor");
        ada = WorkshopFixture.join(workshop, "Ada");
        bob = WorkshopFixture.join(workshop, "Bob");
    }

    /** Someone who may replay Ada's recordings, and where they find them. */
    private record Viewer(String who, RequestSpecification given, String recordings) {

        Response get(String rest) {
            return given.get(recordings + rest);
        }
    }

    private List<Viewer> viewersOfAda() {
        return List.of(new Viewer("Ada herself", ada.given(), "/api/me/recordings"),
                new Viewer("the owner", owner.given(), adasRecordings()),
                new Viewer("an assistant", assistant.given(), adasRecordings()));
    }

    private String adasRecordings() {
        return workshop.path("/learners/" + ada.id() + "/recordings");
    }

    /** Ada's session with some output, a hint and a failed check; the session itself. */
    private LabSession adaWorked() {
        LabSession session = lab.start(ada, LESSON);
        TerminalClient terminal = lab.shell(session);
        terminal.type("echo recorded-$((6*7))\r");
        terminal.awaitText("recorded-42", WAIT);
        String path = "/api/sessions/" + session.id();
        session.given().contentType(ContentType.JSON).body(Map.of("stage", FIRST_STAGE, "hint", 1))
                .post(path + "/hint").then().statusCode(204);
        session.given().post(path + "/check").then().statusCode(200).body("passed", equalTo(false));
        return session;
    }

    @Test
    void theLearnerAndTheWorkshopsStaffReplayTheSessionWithItsMarkers() throws Exception {
        LabSession session = adaWorked();
        String cast = "/" + session.id() + "/terminals/1";
        String first = null;
        for (Viewer viewer : viewersOfAda()) {
            JsonPath list = viewer.get("").then().statusCode(200).contentType(ContentType.JSON)
                    .header("Cache-Control", "no-store").extract().jsonPath();
            assertThat(list.getString("learner.name")).as(viewer.who()).isEqualTo("Ada");
            assertThat(list.getString("recording")).isEqualTo("workshop");
            assertThat(list.getList("recordings.session")).as(viewer.who()).containsExactly(session.id());
            assertThat(list.getString("recordings[0].lesson")).isEqualTo(LESSON);
            assertThat(list.getBoolean("recordings[0].live")).isTrue();
            assertThat(list.getList("recordings[0].terminals")).containsExactly(1);

            Response file = viewer.get(cast);
            file.then().statusCode(200).contentType(RecordingAnswers.ASCIICAST).header("Cache-Control", "no-store");
            String text = file.asString();
            String[] lines = text.split("\n");
            JsonNode header = JSON.readTree(lines[0]);
            assertThat(header.get("version").asInt()).isEqualTo(2);
            assertThat(header.get("width").asInt()).isPositive();
            assertThat(text).as(viewer.who()).contains("recorded-42")
                    .contains("\"m\", \"hint 1: " + FIRST_STAGE + "\"")
                    .contains("\"m\", \"check failed: " + FIRST_STAGE + "\"");
            for (String line : List.of(lines).subList(1, lines.length)) {
                assertThat(JSON.readTree(line).size()).as(line).isEqualTo(3);
            }
            first = first == null ? text : first;

            JsonPath markers = viewer.get(cast + "/markers").then().statusCode(200).contentType(ContentType.JSON)
                    .extract().jsonPath();
            assertThat(markers.getString("session")).isEqualTo(session.id());
            assertThat(markers.getInt("terminal")).isEqualTo(1);
            assertThat(markers.getList("markers.kind", String.class)).containsSubsequence("hint", "check-failed");
            assertThat(markers.getList("markers.findAll { it.kind == 'check-failed' }.trigger", String.class))
                    .contains("manual");
            assertThat(markers.getList("markers.stage", String.class)).containsOnly(FIRST_STAGE);
            assertThat(markers.getList("markers.index", Integer.class)).isEqualTo(
                    IntStream.range(0, markers.getList("markers").size()).boxed().toList());
            assertThat(markers.getFloat("markers[0].time")).isGreaterThan(0f);
        }
    }

    @Test
    void nobodyElseFindsTheRecording() {
        LabSession session = adaWorked();
        String cast = "/" + session.id() + "/terminals/1";
        // Another learner of the same workshop: their own list is empty, Ada's session is not found for them.
        bob.given().get("/api/me/recordings").then().statusCode(200).body("recordings.size()", equalTo(0));
        assertError(bob.given().get("/api/me/recordings" + cast), 404, "recording-not-found");
        assertError(bob.given().get("/api/me/recordings" + cast + "/markers"), 404, "recording-not-found");
        // Staff of another workshop are not told this one exists.
        for (String rest : List.of("", cast, cast + "/markers")) {
            assertError(outsider.given().get(adasRecordings() + rest), 404, "workshop-not-found");
            assertError(given().get(adasRecordings() + rest), 401, "staff-sign-in-needed");
            assertError(ada.given().get(adasRecordings() + rest), 401, "staff-sign-in-needed");
        }
        assertError(given().get("/api/me/recordings"), 401, "learner-key-missing");
        assertError(given().get("/api/me/recordings" + cast), 401, "learner-key-missing");
        // A learner of another workshop, asked for through this one, does not exist here.
        Workshop other = WorkshopFixture.newWorkshop(owner);
        Learner eve = WorkshopFixture.join(other, "Eve");
        assertError(owner.given().get(workshop.path("/learners/" + eve.id() + "/recordings")), 404, "learner-not-found");
        // Terminals and sessions that were not recorded, and paths that are no ids.
        assertError(ada.given().get("/api/me/recordings/" + session.id() + "/terminals/2"), 404, "recording-not-found");
        assertError(ada.given().get("/api/me/recordings/0123456789abcdef/terminals/1"), 404, "recording-not-found");
        assertError(ada.given().get("/api/me/recordings/..%2F..%2Fetc/terminals/1"), 404, "recording-not-found");
        assertError(owner.given().get(workshop.path("/learners/" + bob.id() + "/recordings") + cast), 404,
                "recording-not-found");
    }

    @Test
    void theReplayPagesAreShellsThatNameTheirApi() {
        String mine = given().get("/replay").then().statusCode(200).contentType(ContentType.HTML).extract().asString();
        assertThat(mine).contains("data-recordings=\"/api/me/recordings\"").contains("/assets/replay.js");
        String staffs = given().get("/staff/workshops/" + workshop.id() + "/learners/" + ada.id() + "/replay").then()
                .statusCode(200).extract().asString();
        assertThat(staffs).contains("data-recordings=\"" + adasRecordings() + "\"")
                .contains("data-back=\"/staff/workshops/" + workshop.id() + "\"");
        // Whatever the address holds goes into the page encoded, never as markup.
        String odd = given().urlEncodingEnabled(false).get("/staff/workshops/a%22%3Cb/learners/c%3E/replay").then()
                .statusCode(200).extract().asString();
        assertThat(odd).contains("/api/workshops/a%22%3Cb/learners/c%3E/recordings").doesNotContain("a\"<b");
    }

    @Test
    void aFastForwardIsMarkedWhereTheServerTypedForTheLearner() {
        owner.json(Map.of("lesson", LESSON, "stage", WorkshopFixture.SECOND_STAGE))
                .post(workshop.path("/learners/" + ada.id() + "/fast-forward")).then().statusCode(204);
        LabSession session = lab.start(ada, LESSON);
        session.response().then().body("fastForward.total", equalTo(1));
        lab.socket(session.terminalUrl(), Map.of());
        String markers = "/api/me/recordings/" + session.id() + "/terminals/1/markers";
        WorkshopFixture.await(() -> ada.given().get(markers).jsonPath().getList("markers.label", String.class)
                .contains("fast-forward ready"), WAIT, "the recording marks the end of the fast-forward");
        assertThat(ada.given().get(markers).jsonPath().getList("markers.label", String.class))
                .containsSubsequence("fast-forward replaying 1 passed stages", "fast-forward ready");
        assertThat(ada.given().get(markers).jsonPath().getList("markers.findAll { it.label.startsWith('fast-forward') }.kind",
                String.class)).containsOnly("fast-forward");
    }

    @Test
    void theRecordingOutlivesTheSessionAndGoesWithTheWorkshop() {
        LabSession session = adaWorked();
        session.given().delete("/api/sessions/" + session.id()).then().statusCode(202);
        String list = adasRecordings();
        WorkshopFixture.await(() -> owner.given().get(list).jsonPath().getString("recordings[0].endedAt") != null,
                WAIT, "the recording notes that the session ended");
        owner.given().get(list).then().body("recordings[0].live", equalTo(false));
        owner.given().get(list + "/" + session.id() + "/terminals/1").then().statusCode(200);
        Path dir = engine.config().dataDir().toAbsolutePath().resolve("recordings").resolve(ada.id());
        assertThat(dir).isDirectory();

        owner.given().delete(workshop.path("")).then().statusCode(204);
        assertThat(dir).doesNotExist();
    }
}
