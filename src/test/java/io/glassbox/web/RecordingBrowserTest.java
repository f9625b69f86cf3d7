package io.glassbox.web;

import io.glassbox.client.TerminalClient;
import static io.glassbox.web.WorkshopFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.app.Engine;
import io.glassbox.web.WorkshopFixture.LabSession;
import io.glassbox.web.WorkshopFixture.Learner;
import io.glassbox.web.WorkshopFixture.Staff;
import io.glassbox.web.WorkshopFixture.Workshop;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
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
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (ci/os-packages.sh test installs it)");
        Path node = onPath("node");
        assumeTrue(node != null, "node is not on the PATH (ci/os-packages.sh build installs Node.js)");
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

            run(node, List.of(base.toString(), workshop.id(), ada.id(), session.id()),
                    Map.of("GLASSBOX_E2E_STAFF", instructor.cookie(), "GLASSBOX_E2E_LEARNER", ada.cookie()));
        } finally {
            instructor.given().delete(workshop.path("")).then().statusCode(204);
        }
        assertThat(engine.config().dataDir().toAbsolutePath().resolve("recordings").resolve(ada.id())).doesNotExist();
    }

    private static void run(Path node, List<String> arguments, Map<String, String> environment) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(node.toString(), SCRIPT.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment); // cookies go by environment, not on a command line others can read
        Process process = builder.start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> tee(process.getInputStream(), output), "e2e-output");
        pump.setDaemon(true);
        pump.start();
        boolean finished = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            // Chromium and its helpers are the script's children: end them too, not just node.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(Duration.ofSeconds(5).toMillis());
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        assertThat(finished).as("%s did not finish within %s; it printed:%n%s", SCRIPT, LIMIT, text).isTrue();
        assertThat(process.exitValue()).as("%s failed; it printed:%n%s", SCRIPT, text).isZero();
        assertThat(text).contains("e2e PASSED");
    }

    private static Path onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Shows the script's progress as it happens and keeps it for the assertion message. */
    private static void tee(InputStream in, ByteArrayOutputStream kept) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                System.out.write(buffer, 0, n);
                System.out.flush();
                synchronized (kept) {
                    kept.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
