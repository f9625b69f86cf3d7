package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.glassbox.client.TerminalClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A lesson session over HTTP and the terminal WebSocket, against a real lab host and the seed lesson. */
@QuarkusTest
@Tag("kernel")
class LessonSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    private String id;
    private String token;
    private TerminalClient terminal;

    @AfterEach
    void cleanUp() {
        if (terminal != null) {
            terminal.close();
        }
        if (id != null) {
            given().header("Authorization", "Bearer " + token).delete("/api/sessions/" + id);
        }
    }

    private void startLesson() {
        Response created = given().contentType(ContentType.JSON).body("{\"lesson\":\"02-uts-namespace\"}")
                .post("/api/sessions");
        created.then().statusCode(201).body("stage", equalTo("new-uts-namespace"));
        id = created.path("id");
        token = created.path("token");
        terminal = TerminalClient.open(base, created.path("terminalUrl"));
        terminal.awaitText("# ", WAIT);
    }

    @Test
    void lessonsAreListedInTheLearnersLanguage() {
        given().get("/api/lessons").then().statusCode(200).body("language", equalTo("en"))
                .body("lessons.id", hasItem("02-uts-namespace")).body("errors.size()", equalTo(0));
        given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5").get("/api/lessons/02-uts-namespace").then()
                .statusCode(200).body("language", equalTo("zh-CN")).body("title", equalTo("属于你自己的主机名"))
                .body("stages[0].checks[0].type", equalTo("namespace"))
                .body("stages[0].instructions", containsString("unshare --uts bash"));
        given().get("/api/lessons/99-nothing").then().statusCode(404).body("error", equalTo("lesson-not-found"));
    }

    @Test
    void aCheckSaysWhatItExpectedAndWhatItSaw() {
        startLesson();
        given().header("Authorization", "Bearer " + token).post("/api/sessions/" + id + "/check").then()
                .statusCode(200).body("passed", equalTo(false)).body("stage", equalTo("new-uts-namespace"))
                .body("results[0].message", containsString("expected a UTS namespace different from the lab host's"))
                .body("results[0].message", containsString("still in the lab host's"));
        // The button's check is pushed with auto false; an automatic check (the shell went quiet at its prompt) may be
        // pushed around it, so look for the button's rather than the latest.
        assertThat(json(terminal.awaitMessage("check", m -> !json(m).path("auto").asBoolean(), WAIT)).path("stage")
                .asText()).isEqualTo("new-uts-namespace");
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("glassbox_checks_total\\{result=\"failed\",trigger=\"button\",?\\} [1-9]");
        given().header("Authorization", "Bearer " + token).get("/api/sessions/" + id + "/state").then()
                .statusCode(200).body("target", equalTo("the shell"))
                .body("namespaces.find { it.type == 'uts' }.shared", equalTo(true))
                .body("hostname", containsString("lab-"));
    }

    @Test
    void showMeTypesTheSolutionAndTheStageTicksOffByItself() {
        startLesson();
        given().header("Authorization", "Bearer " + token).post("/api/sessions/" + id + "/solve").then()
                .statusCode(202).body("stage", equalTo("new-uts-namespace"));
        JsonNode check = awaitPassedPush("new-uts-namespace");
        assertThat(check.path("auto").asBoolean()).isTrue();
        assertThat(check.path("nextStage").asText()).isEqualTo("set-hostname");
        assertThat(json(terminal.awaitMessage("state", WAIT)).path("namespaces").toString()).contains("\"shared\":false");
        given().header("Authorization", "Bearer " + token).get("/api/sessions/" + id).then()
                .body("stage", equalTo("set-hostname")).body("passedStages", hasItem("new-uts-namespace"));

        terminal.type("hostname box1\r");
        awaitPassedPush("set-hostname");
        terminal.type("exit\r");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!lessonDone() && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(lessonDone()).as("the lesson finishes by itself as the learner works").isTrue();
    }

    private JsonNode awaitPassedPush(String stage) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode message : json(terminal.messages())) {
                if (message.path("type").asText().equals("check") && message.path("passed").asBoolean()
                        && message.path("stage").asText().equals(stage)) {
                    return message;
                }
            }
            sleep(100);
        }
        throw new AssertionError("no passing check pushed; messages: " + terminal.messages() + "; output: " + terminal.text());
    }

    private boolean lessonDone() {
        return given().header("Authorization", "Bearer " + token).get("/api/sessions/" + id).path("lessonDone");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
