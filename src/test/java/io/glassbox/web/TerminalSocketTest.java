package io.glassbox.web;

import static io.glassbox.web.Messages.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.app.Engine;
import io.glassbox.client.TerminalClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.OpenConnections;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The terminal WebSocket against real lab hosts. */
@QuarkusTest
@Tag("kernel")
class TerminalSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @Inject
    Engine engine;

    @Inject
    OpenConnections connections;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String[]> sessions = new ArrayList<>();

    /**
     * Sessions that earlier test classes ended may still be tearing down, and they count against the test profile's
     * six: wait for them, or this class's first sessions meet a 503.
     */
    @org.junit.jupiter.api.BeforeEach
    void awaitEarlierTeardowns() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (engine.sessions().endingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        for (String[] s : sessions) {
            given().header("Authorization", "Bearer " + s[1]).delete("/api/sessions/" + s[0]);
        }
    }

    /** Creates a session: {id, token, terminalUrl, watchUrl}. */
    private String[] newSession() {
        Response created = given().contentType(ContentType.JSON).body("{}").post("/api/sessions");
        created.then().statusCode(201);
        String[] session = {created.path("id"), created.path("token"), created.path("terminalUrl"), created.path("watchUrl")};
        sessions.add(session);
        return session;
    }

    private TerminalClient connect(String pathAndQuery) {
        TerminalClient connection = TerminalClient.open(base, pathAndQuery);
        opened.add(connection);
        return connection;
    }

    private TerminalClient shell(String terminalUrl) {
        TerminalClient connection = connect(terminalUrl);
        connection.awaitText("# ", WAIT);
        return connection;
    }

    @Test
    void aTypedCommandRunsInTheLabHostAndItsOutputComesBack() {
        String[] session = newSession();
        TerminalClient terminal = shell(session[2]);
        assertThat(json(terminal.awaitMessage("hello", WAIT)).path("hostname").asText()).startsWith("lab-");
        terminal.type("echo $((6*7)) $(hostname)\r");
        assertThat(terminal.awaitText("42 lab-", WAIT)).contains("root@lab-");
        // the keystrokes took the direct path: our handler is in the connection's Netty pipeline
        assertThat(connections.stream().filter(c -> session[0].equals(c.pathParam("id"))).toList())
                .singleElement().satisfies(c -> assertThat(VertxFrames.of(c).orElseThrow().takesFramesInNetty())
                        .isTrue());
    }

    /**
     * The test profile pings a peer silent for 1 s (glassbox.web.idle-ping-after): the connection left alone is
     * pinged about every second, the one typing every 50 ms never.
     */
    @Test
    void onlyASilentPeerIsPinged() {
        TerminalClient silent = shell(newSession()[2]);
        TerminalClient typing = shell(newSession()[2]);
        long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
        while (System.nanoTime() < until) {
            typing.type("a");
            sleep(50);
        }
        assertThat(silent.pingsReceived()).isGreaterThanOrEqualTo(2);
        assertThat(typing.pingsReceived()).isZero();
    }

    @Test
    void aResizeReachesTheShellsTerminal() {
        TerminalClient terminal = shell(newSession()[2]);
        terminal.sendText("{\"type\":\"resize\",\"cols\":132,\"rows\":43}");
        long before = terminal.received();
        sleep(150);
        terminal.type("stty size\r");
        terminal.awaitTextAfter(before, "43 132\r\n", WAIT);
    }

    @Test
    void reconnectingReattachesToTheSameShellWithoutRepeatingOutput() {
        String[] session = newSession();
        TerminalClient first = shell(session[2]);
        first.type("GLASSBOX_MARK=kept-$((7*6)); echo pid=$$\r");
        // The echo of the command line holds " pid=$$" too; the line the shell printed starts a line ("\rpid=").
        first.awaitText("\rpid=", WAIT);
        sleep(200);
        String pidLine = first.text().replaceAll("(?s).*\rpid=(\\d+)\r\n.*", "pid=$1");
        assertThat(pidLine).matches("pid=\\d+");
        long offset = first.offset();
        first.close();

        TerminalClient second = connect(session[2] + "&since=" + offset);
        assertThat(json(second.awaitMessage("hello", WAIT)).path("offset").asLong()).isEqualTo(offset);
        second.type("echo $GLASSBOX_MARK pid=$$\r");
        String again = second.awaitText("kept-42 pid=", WAIT);
        String pid = pidLine.replaceAll("(?s).*pid=(\\d+).*", "$1");
        second.awaitText("kept-42 pid=" + pid, WAIT);
        assertThat(again).doesNotContain("GLASSBOX_MARK=kept");
    }

    @Test
    void aFloodStaysWithinTheWindowAndCtrlCStopsIt() {
        String[] session = newSession();
        TerminalClient slow = TerminalClient.open(base, session[2], Map.of(), false);
        opened.add(slow);
        slow.awaitText("# ", WAIT);
        slow.type("yes glassbox-flood\r");
        sleep(1000);
        long window = engine.sessions().terminalSettings().windowBytes();
        long received = slow.received();
        sleep(500);
        assertThat(slow.received()).isEqualTo(received).isLessThanOrEqualTo(window + 4096);

        slow.sendText("{\"type\":\"ack\",\"offset\":" + slow.offset() + "}");
        long before = slow.received();
        slow.type("\u0003");
        slow.sendText("{\"type\":\"ack\",\"offset\":" + (slow.offset() + window) + "}");
        long started = System.nanoTime();
        acknowledgeUntil(slow, before, "^C");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    /** Acknowledges everything received until {@code text} shows up after {@code skip} bytes. */
    private static void acknowledgeUntil(TerminalClient connection, long skip, String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!connection.textAfter(skip).contains(text) && System.nanoTime() < deadline) {
            connection.sendText("{\"type\":\"ack\",\"offset\":" + connection.offset() + "}");
            sleep(5);
        }
        assertThat(connection.textAfter(skip)).contains(text);
    }

    @Test
    void missingOrForeignTokensAndForeignOriginsAreRefusedWith1008() {
        String[] first = newSession();
        String[] second = newSession();
        String withoutToken = first[2].substring(0, first[2].indexOf('?'));
        assertRefused(withoutToken, Map.of(), "token missing");
        assertRefused(withoutToken + "?token=" + second[1], Map.of(), "wrong token");
        assertRefused("/api/sessions/0123456789abcdef0123456789abcdef/terminals/1?token=x", Map.of(), "no such session");
        assertRefused(first[2].replace("/terminals/1?", "/terminals/9?"), Map.of(), "no terminal tab 9");
        assertRefused(first[2], Map.of("Origin", "http://evil.example"), "origin not allowed");

        TerminalClient sameOrigin = TerminalClient.open(base, first[2],
                Map.of("Origin", "http://" + base.getHost() + ":" + base.getPort()), true);
        opened.add(sameOrigin);
        sameOrigin.awaitText("# ", WAIT);
    }

    private void assertRefused(String pathAndQuery, Map<String, String> headers, String reason) {
        TerminalClient refused = TerminalClient.open(base, pathAndQuery, headers, true);
        opened.add(refused);
        var close = refused.awaitClose(WAIT);
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).contains(reason);
    }

    @Test
    void theWatchUrlSeesTheShellButCannotType() {
        String[] session = newSession();
        TerminalClient learner = shell(session[2]);
        TerminalClient instructor = connect(session[3]);
        assertThat(json(instructor.awaitMessage("hello", WAIT)).path("mode").asText()).isEqualTo("watch");
        instructor.type("echo typed-by-$((1+1))-watcher\r");
        assertThat(json(instructor.awaitMessage("error", WAIT)).path("message").asText()).contains("view only");
        learner.type("echo typed-by-$((2+2))-learner\r");
        instructor.awaitText("typed-by-4-learner", WAIT);
        assertThat(learner.text()).doesNotContain("typed-by-2-watcher");
    }

    @Test
    void aSecondTabIsANewShellInTheSameLabHost() {
        String[] session = newSession();
        TerminalClient one = shell(session[2]);
        Response tab = given().header("Authorization", "Bearer " + session[1]).post("/api/sessions/" + session[0] + "/terminals");
        tab.then().statusCode(201);
        assertThat((Integer) tab.path("tab")).isEqualTo(2);
        TerminalClient two = shell(tab.path("terminalUrl"));
        one.type("echo one-$$ $(hostname)\r");
        two.type("echo two-$$ $(hostname)\r");
        String first = one.awaitText("one-", WAIT);
        String second = two.awaitText("two-", WAIT);
        one.awaitText(" lab-", WAIT);
        two.awaitText(" lab-", WAIT);
        assertThat(pid(first, "one-")).isNotEqualTo(pid(second, "two-"));
        given().header("Authorization", "Bearer " + session[1]).get("/api/sessions/" + session[0] + "/terminals").then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(2));
    }

    @Test
    void anExitedShellReportsItsStatusAndRestarts() {
        TerminalClient terminal = shell(newSession()[2]);
        terminal.type("exit 3\r");
        assertThat(json(terminal.awaitMessage("exit", WAIT)).path("code").asInt()).isEqualTo(3);
        long before = terminal.received();
        terminal.sendText("{\"type\":\"restart\"}");
        terminal.awaitTextAfter(before, "# ", WAIT);
        terminal.type("echo back-$((1+1))\r");
        terminal.awaitText("back-2", WAIT);
    }

    @Test
    void deletingTheSessionClosesItsTerminalsWith1001() {
        String[] session = newSession();
        TerminalClient terminal = shell(session[2]);
        given().header("Authorization", "Bearer " + session[1]).delete("/api/sessions/" + session[0]).then().statusCode(202);
        assertThat(terminal.awaitClose(WAIT).code()).isEqualTo(1001);
    }

    private static String pid(String text, String prefix) {
        return text.replaceAll("(?s).*" + prefix + "(\\d+).*", "$1");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
