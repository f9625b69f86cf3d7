package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.session.Session;
import io.glassbox.testing.BrowserScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        Path node = BrowserScript.requireBrowser();
        BrowserScript.run(node, script, List.of(url.toString()), Map.of(), LIMIT);
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
}
