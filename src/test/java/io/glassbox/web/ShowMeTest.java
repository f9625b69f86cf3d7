package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

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

/**
 * Show me passes a stage as the lesson runner does: through the button's endpoint, lesson 08's fork bomb must run
 * into its cgroup's limit before the script kills it (pasted at once, the script killed it first, and the stage's
 * check never passed). Stages are ticked off by the automatic check the page relies on, and every window hears
 * when Show me starts and stops typing.
 */
@QuarkusTest
@Tag("kernel")
class ShowMeTest {

    private static final Duration STAGE = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI base;

    private String id;
    private String token;
    private TerminalClient terminal;

    @AfterEach
    void end() {
        if (terminal != null) {
            terminal.close();
        }
        if (id != null) {
            given().header("Authorization", "Bearer " + token).delete("/api/sessions/" + id);
        }
    }

    @Test
    void showMeTakesLesson08ThroughItsForkBomb() {
        Response created = given().contentType(ContentType.JSON).body("{\"lesson\":\"08-cgroup-pids-cpu\"}")
                .post("/api/sessions");
        created.then().statusCode(201);
        id = created.path("id");
        token = created.path("token");
        terminal = TerminalClient.open(base, created.path("terminalUrl"));
        terminal.awaitText("# ", STAGE);
        for (String stage : new String[] {"limit-the-tasks", "fork-bomb"}) {
            given().header("Authorization", "Bearer " + token).post("/api/sessions/" + id + "/solve").then()
                    .statusCode(202).body("stage", equalTo(stage));
            terminal.awaitMessage("solve", m -> json(m).path("stage").asText().equals(stage)
                    && json(m).path("typing").asBoolean(), STAGE);
            // A second Show me while the first types is refused rather than typed over it.
            given().header("Authorization", "Bearer " + token).post("/api/sessions/" + id + "/solve").then()
                    .statusCode(409);
            JsonNode passed = json(terminal.awaitMessage("check",
                    m -> json(m).path("stage").asText().equals(stage) && json(m).path("passed").asBoolean(), STAGE));
            if (!passed.path("passed").asBoolean()) {
                throw new AssertionError(stage + " did not pass: " + passed);
            }
            // The stage passes while the script may still be typing: the next Show me waits for the push that says
            // it is done (as the page's button does), and until then is refused.
            terminal.awaitMessage("solve", m -> json(m).path("stage").asText().equals(stage)
                    && !json(m).path("typing").asBoolean(true), STAGE);
        }
    }
}
