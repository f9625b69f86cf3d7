package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.app.Engine;
import io.glassbox.session.Session;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The page in headless Chromium against this server and real lab hosts: frontend/e2e/terminal.e2e.mjs opens the
 * page, clicks "Free sandbox", waits for the prompt, types {@code echo hello} and waits for the output; then opens
 * the seed lesson, sees Check fail with what it expected, reveals a hint, lets "Show me" solve stage 1 and the
 * pushed automatic check tick it off, and clicks stage 2's Run buttons until it passes and the kernel panel shows
 * the new hostname.
 * The script does the browser work (playwright-core, which never downloads a browser); this class gives it
 * a running server and turns its exit code and output into a test result.
 */
@QuarkusTest
@Tag("browser")
class TerminalPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCRIPT = Path.of("frontend", "e2e", "terminal.e2e.mjs");
    private static final Path ESCAPES = Path.of("frontend", "e2e", "escapes.e2e.mjs");
    /** The script gives itself 60 s; this is the hard stop if it hangs. */
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TestHTTPResource("/")
    URL url;

    @Inject
    Engine engine;

    @Test
    void aLearnerGetsAShellAndFollowsALesson() throws Exception {
        runScript(SCRIPT);
    }

    /**
     * frontend/e2e/escapes.e2e.mjs: a learner's OSC 8 links (javascript: and http), title escapes and OSC 52 in the
     * instructor's read-only view; it prints an "attack |" row for each and fails unless all are contained.
     */
    @Test
    void learnerEscapeSequencesHaveNoPowerOverTheInstructorsView() throws Exception {
        runScript(ESCAPES);
    }

    private void runScript(Path script) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (ci/os-packages.sh test installs it)");
        Path node = onPath("node");
        assumeTrue(node != null, "node is not on the PATH (ci/os-packages.sh build installs Node.js)");

        Path baseDir = Path.of("").toAbsolutePath(); // Surefire runs tests in the project's base directory.
        Process process = new ProcessBuilder(List.of(node.toString(), script.toString(), url.toString()))
                .directory(baseDir.toFile())
                .redirectErrorStream(true)
                .start();
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

        assertThat(finished).as("%s did not finish within %s; it printed:%n%s", script, LIMIT, text).isTrue();
        assertThat(process.exitValue()).as("%s failed; it printed:%n%s", script, text).isZero();
    }

    /** The page ends its session, but not if the script died first; a session holds a lab host, so end it here. */
    @AfterEach
    void endLeftoverSessions() throws InterruptedException {
        for (Session session : List.copyOf(engine.sessions().running())) {
            engine.sessions().end(session, "browser test done");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.sessions().endingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static Path onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
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
