package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.testing.BrowserScript;
import io.glassbox.testing.JarServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lesson page as a Chinese reader on a phone sees it, in real Chromium against the built server:
 * frontend/e2e/lesson-zh.e2e.mjs opens it at 420x860 with the browser asking for zh-CN, walks the picker and a
 * lesson (after a failed check, a hint, the kernel panel) for labels still in English, checks in its saved
 * screenshot (target/lesson-zh-phone.png) that Chinese characters are drawn as themselves and not as empty
 * boxes, that the instructions get real height above the terminal, and that the lesson's markdown is sanitized.
 * Then, on a second lab host, a new lesson (17-devices-io-cgroups) teaches back in Chinese: its first check fails
 * with a Chinese expected/observed, and after the learner's mistake is typed into the terminal
 * ({@code mknod /tmp/dev/null c 1 3}) the next Check shows that mistake's hint, in Chinese, under the failed check.
 * <p>
 * Runs after the package phase: {@code mvn verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=LessonZhBrowserIT}. The server's port, data dir and uid base can be moved with
 * {@code -Dglassbox.it.port=}, {@code -Dglassbox.it.data-dir=} and {@code -Dglassbox.it.uid-base=}, so parallel
 * runs do not collide.
 */
@Tag("browser")
@Tag("kernel")
class LessonZhBrowserIT {

    private static final int PORT = Integer.getInteger("glassbox.it.port", 18091);
    private static final Path DATA = Path.of(System.getProperty("glassbox.it.data-dir", "/var/tmp/glassbox-it-lesson-zh"));
    private static final String UID_BASE = System.getProperty("glassbox.it.uid-base", "1730000000");
    private static final Path LOG = Path.of("target/lesson-zh-e2e-server.log");
    private static final Path SCRIPT = Path.of("frontend", "e2e", "lesson-zh.e2e.mjs");
    private static final Path PAGE_SCRIPT = Path.of("target/classes/META-INF/resources/assets/app.js");
    /** The script gives itself 90 s; this is the hard stop if it hangs. */
    private static final Duration LIMIT = Duration.ofMinutes(2);

    private Process server;

    @Test
    void aChineseReaderOnAPhoneSeesChineseTheInstructionsAndHintsOnTheirMistakes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: lab hosts need namespaces and cgroups");
        Path node = BrowserScript.requireBrowser();
        assumeTrue(Files.isRegularFile(JarServer.JAR), "runs after the package phase (mvn verify)");
        assumeTrue(Files.isRegularFile(PAGE_SCRIPT), "the jar was built without the browser code (-DskipFrontend)");
        JarServer.deleteTree(DATA);
        Files.deleteIfExists(LOG);
        server = JarServer.start(PORT, LOG, Map.of("glassbox.data-dir", DATA.toString(),
                "glassbox.sandbox.uid-base", UID_BASE, "glassbox.sessions.max", "2", "glassbox.sessions.warm", "0"));

        String text = BrowserScript.run(node, SCRIPT, List.of("http://localhost:" + PORT + "/"), Map.of(), LIMIT, null,
                () -> JarServer.problems(LOG));
        assertThat(text).contains("e2e OK");
    }

    @AfterEach
    void stopServer() throws Exception {
        String instance = JarServer.stopAndClean(server, DATA);
        if (instance != null) {
            assertThat(Path.of("/run/netns", "glassbox-" + instance)).as("the server's outside network").doesNotExist();
        }
    }
}
