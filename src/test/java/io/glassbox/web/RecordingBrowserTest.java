package io.glassbox.web;

import static io.glassbox.web.WorkshopFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.app.Engine;
import io.glassbox.client.TerminalClient;
import io.glassbox.testing.BrowserScript;
import io.glassbox.web.WorkshopFixture.LabSession;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A recording replayed in headless Chromium against this server and a real lab host: a workshop learner types a
 * command, runs a check that fails, types another and reveals a hint; frontend/e2e/recording.e2e.mjs then has the
 * instructor open the recording from the dashboard and the learner open their own, and clicks the timeline's
 * markers: the player must move to each moment (its time and its screen). This class prepares the workshop and
 * turns the script's exit code and output into a test result; the workshop is deleted at the end, its recording
 * with it.
 */
@QuarkusTest
@Tag("browser")
@Tag("kernel")
class RecordingBrowserTest {

    private static final Path SCRIPT = Path.of("frontend", "e2e", "recording.e2e.mjs");
    private static final Path PAGE_SCRIPT = Path.of("target/classes/META-INF/resources/assets/replay.js");
    /** The script gives itself 90 s; this is the hard stop if it hangs. */
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TestHTTPResource("/")
    URI base;

    @Inject
    Engine engine;

    @Test
    void aRecordingReplaysAndJumpsToItsCheckMarker() throws Exception {
        Path node = BrowserScript.requireBrowser();
        assumeTrue(Files.isRegularFile(PAGE_SCRIPT), "the browser code was not built (-DskipFrontend)");

        Staff instructor = WorkshopFixture.instructor(engine);
        Workshop workshop = WorkshopFixture.newWorkshop(instructor);
        Learner ada = WorkshopFixture.join(workshop, "Ada");
        try (WorkshopFixture.Lab lab = new WorkshopFixture.Lab(engine, base)) {
            LabSession session = lab.start(ada, WorkshopFixture.LESSON);
            TerminalClient terminal = lab.shell(session);
            String path = "/api/sessions/" + session.id();
            terminal.type("echo before-the-check-$((6*7))\r");
            terminal.awaitText("before-the-check-42", WAIT);
            session.given().post(path + "/check").then().statusCode(200).body("passed", equalTo(false));
            terminal.type("echo after-the-check-$((7*8))\r");
            terminal.awaitText("after-the-check-56", WAIT);
            session.given().contentType(ContentType.JSON)
                    .body(Map.of("stage", WorkshopFixture.FIRST_STAGE, "hint", 0)).post(path + "/hint")
                    .then().statusCode(204);

            String output = BrowserScript.run(node, SCRIPT, List.of(base.toString(), workshop.id(), ada.id(), session.id()),
                    Map.of("GLASSBOX_E2E_STAFF", instructor.cookie(), "GLASSBOX_E2E_LEARNER", ada.cookie()), LIMIT);
            assertThat(output).contains("e2e PASSED");
        } finally {
            instructor.given().delete(workshop.path("")).then().statusCode(204);
        }
        assertThat(engine.config().dataDir().toAbsolutePath().resolve("recordings").resolve(ada.id())).doesNotExist();
    }
}
