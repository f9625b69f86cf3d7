package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.testing.BrowserScript;
import io.glassbox.testing.JarServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A workshop in real Chromium against the built server, killed and restarted in the middle:
 * frontend/e2e/workshop.e2e.mjs has an instructor create a workshop, three learners join in separate browser
 * contexts and pass different stages, and checks the dashboard shows each within a second and lets the
 * instructor peek at a terminal. Then it prints {@code e2e RESTART}: this harness kills the server with SIGKILL,
 * starts it again on the same data dir and answers {@code RESTARTED} on the script's stdin; every learner
 * reloads and must be back at their stage on a fast-forwarded lab host, and the dashboard must still show
 * everything. Runs after the package phase, as the server a workshop runs is the jar, not a test JVM.
 */
@Tag("browser")
@Tag("kernel")
class WorkshopBrowserIT {

    private static final Path DATA = Path.of("/var/tmp/glassbox-it-workshop");
    private static final Path LOG = Path.of("target/workshop-e2e-server.log");
    private static final Path SCRIPT = Path.of("frontend", "e2e", "workshop.e2e.mjs");
    private static final Path PAGE_SCRIPT = Path.of("target/classes/META-INF/resources/assets/app.js");
    private static final int PORT = 18090;
    private static final String BASE = "http://localhost:" + PORT;
    /** The script gives itself 4 minutes; this is the hard stop if it hangs. */
    private static final Duration LIMIT = Duration.ofMinutes(5);

    /** Replaced at the restart by the thread that reads the script's output, stopped by the test thread. */
    private volatile Process server;

    /** What this harness did, in order, for a failure's message. */
    private final List<String> notes = new ArrayList<>();

    @Test
    void aWorkshopSurvivesAServerKilledWithSigkill() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: lab hosts need namespaces and cgroups");
        Path node = BrowserScript.requireBrowser();
        assumeTrue(Files.isRegularFile(JarServer.JAR), "runs after the package phase (mvn verify)");
        assumeTrue(Files.isRegularFile(PAGE_SCRIPT), "the jar was built without the browser code (-DskipFrontend)");
        JarServer.deleteTree(DATA);
        Files.deleteIfExists(LOG);
        server = startServer();
        String token = Files.readString(DATA.resolve("setup-token")).strip();

        String text = BrowserScript.run(node, SCRIPT, List.of(BASE + "/", token), Map.of(), LIMIT,
                line -> line.startsWith("e2e RESTART") ? restartServer() : null,
                () -> notes() + JarServer.problems(LOG));
        assertThat(text).contains("e2e RESTART");
    }

    /**
     * The answer to the script's RESTART line: kills and restarts the server and answers RESTARTED, or
     * "RESTART FAILED: why" (the script fails with it). SIGKILL: no shutdown hook runs, lab hosts are left behind;
     * then a start on the same data dir.
     */
    private String restartServer() {
        try {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            note("harness: server killed with SIGKILL; starting it again on the same data dir");
            server = startServer();
            note("harness: server ready again");
            return "RESTARTED";
        } catch (IOException | InterruptedException | AssertionError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = String.valueOf(e.getMessage()).replace('\n', ' ');
            note("harness: the restart failed: " + why);
            return "RESTART FAILED: " + why;
        }
    }

    private void note(String line) {
        System.out.println(line);
        synchronized (notes) {
            notes.add(line);
        }
    }

    private String notes() {
        synchronized (notes) {
            return notes.isEmpty() ? "" : String.join("\n", notes) + "\n";
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        String instance = JarServer.stopAndClean(server, DATA);
        if (instance != null) {
            assertThat(Path.of("/run/netns", "glassbox-" + instance)).as("the server's outside network").doesNotExist();
        }
    }

    private static Process startServer() throws IOException, InterruptedException {
        return JarServer.start(PORT, LOG, Map.of("glassbox.data-dir", DATA.toString(),
                "glassbox.sandbox.uid-base", "1720000000", "glassbox.sessions.max", "6", "glassbox.sessions.warm", "1"));
    }
}
