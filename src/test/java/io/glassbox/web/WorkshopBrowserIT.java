package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.testing.JarServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path PAGE_SCRIPT = Path.of("target/classes/META-INF/resources/assets/app.js");
    private static final int PORT = 18090;
    private static final String BASE = "http://localhost:" + PORT;
    /** The script gives itself 4 minutes; this is the hard stop if it hangs. */
    private static final Duration LIMIT = Duration.ofMinutes(5);

    /** Replaced by the script's driver thread at the restart, stopped by the test thread. */
    private volatile Process server;

    @Test
    void aWorkshopSurvivesAServerKilledWithSigkill() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: lab hosts need namespaces and cgroups");
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (ci/os-packages.sh test installs it)");
        assumeTrue(Files.isRegularFile(JarServer.JAR), "runs after the package phase (mvn verify)");
        assumeTrue(Files.isRegularFile(PAGE_SCRIPT), "the jar was built without the browser code (-DskipFrontend)");
        JarServer.deleteTree(DATA);
        Files.deleteIfExists(LOG);
        server = startServer();
        String token = Files.readString(DATA.resolve("setup-token")).strip();

        Process script = new ProcessBuilder(List.of("node", SCRIPT.toString(), BASE + "/", token))
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Thread driver = new Thread(() -> drive(script, output), "workshop-e2e");
        driver.setDaemon(true);
        driver.start();
        boolean finished = script.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        driver.join(Duration.ofSeconds(10).toMillis());
        String text;
        synchronized (output) {
            text = String.join("\n", output);
        }
        assertThat(finished).as("%s did not finish within %s; it printed:%n%s%n%s", SCRIPT, LIMIT, text, serverProblems())
                .isTrue();
        assertThat(script.exitValue()).as("%s failed; it printed:%n%s%n%s", SCRIPT, text, serverProblems()).isZero();
        assertThat(text).contains("e2e RESTART");
    }

    /**
     * Pumps the script's output; on its RESTART line, kills and restarts the server and answers RESTARTED, or
     * "RESTART FAILED: why" (the script fails with it). Keeps pumping either way, so a long failure report
     * cannot fill the pipe and hang the script.
     */
    private void drive(Process script, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
                OutputStream answer = script.getOutputStream()) {
            for (String line; (line = lines.readLine()) != null; ) {
                record(output, line);
                if (line.startsWith("e2e RESTART")) {
                    String restarted = restartServer(output);
                    answer.write((restarted + "\n").getBytes(StandardCharsets.UTF_8));
                    answer.flush();
                }
            }
        } catch (IOException e) {
            record(output, "harness: " + e);
        }
    }

    /** SIGKILL (no shutdown hook runs, lab hosts are left behind), then a start on the same data dir. */
    private String restartServer(List<String> output) {
        try {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            record(output, "harness: server killed with SIGKILL; starting it again on the same data dir");
            server = startServer();
            record(output, "harness: server ready again");
            return "RESTARTED";
        } catch (IOException | InterruptedException | AssertionError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = String.valueOf(e.getMessage()).replace('\n', ' ');
            record(output, "harness: the restart failed: " + why);
            return "RESTART FAILED: " + why;
        }
    }

    private static void record(List<String> output, String line) {
        System.out.println(line);
        synchronized (output) {
            output.add(line);
        }
    }

    /** The server log's warnings and errors (first lines of each), for a failure's message. */
    private static String serverProblems() {
        try {
            List<String> problems = Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")).limit(30).toList();
            return "server log " + LOG + (problems.isEmpty() ? ": no warnings or errors" : ", warnings and errors:\n"
                    + String.join("\n", problems));
        } catch (IOException e) {
            return "server log " + LOG + ": " + e.getMessage();
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
