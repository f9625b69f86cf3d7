package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.Router;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The terminal's direct frame paths on a real Vert.x server behind a vertx-web router (as WebSockets Next has it),
 * with a real WebSocket client; and the guard against a Quarkus or Vert.x upgrade that moves what they reach for.
 */
class VertxFramesTest {

    private static final long WAIT_SECONDS = 10;

    private Vertx vertx;
    private HttpServer server;
    /** What the server side heard, in order: "bin:<text>" for a binary message, "text:<text>" for a text one. */
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private final CompletableFuture<VertxFrames> frames = new CompletableFuture<>();

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/ws").handler(context -> context.request().toWebSocket().onSuccess(socket -> {
            VertxFrames direct = VertxFrames.of(socket).orElseThrow();
            direct.takeBinaryMessages(bytes -> {
                String text = new String(bytes, StandardCharsets.UTF_8);
                heard.add("bin:" + text);
                // answered on the event loop, after the text answer below: the order must hold
                socket.writeTextMessage("saw " + text);
                direct.writeBinary(("echo " + text).getBytes(StandardCharsets.UTF_8));
            });
            socket.textMessageHandler(text -> heard.add("text:" + text));
            frames.complete(direct);
            socket.writeTextMessage("hello");
        }));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void thisQuarkusKeepsTheSocketsWhereTheTerminalLooksForThem() {
        assertTrue(VertxFrames.available(), "WebSocketConnectionBase.webSocket() or ServerWebSocketWrapper.delegate not"
                + " found: this Quarkus or vertx-web moved it, so terminals fall back to WebSockets Next's per-message"
                + " path (slower); update VertxFrames");
    }

    @Test
    void aConnectionOfAnotherKindHasNoSocketAndTakesWebSocketsNextsPath() {
        WebSocketConnection other = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> null);
        assertTrue(VertxFrames.of(other).isEmpty());
    }

    @Test
    void binaryMessagesWholeOrInFragmentsArriveInOrderAndAnswersKeepTheirOrder() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket client = connect(received);
        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("text:hello");
        assertThat(frames.get().takesFramesInNetty()).as("our handler is in Vert.x's pipeline").isTrue();

        client.writeBinaryMessage(Buffer.buffer("a"));
        client.writeTextMessage("resize");
        client.writePing(Buffer.buffer("p"));
        // a message in fragments, with a ping between them: Vert.x assembles it and hands it on
        client.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer("b1"), false));
        client.writePing(Buffer.buffer("q"));
        client.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("b2"), true));
        client.writeBinaryMessage(Buffer.buffer("c"));

        List<String> expected = List.of("bin:a", "text:resize", "bin:b1b2", "bin:c");
        for (String message : expected) {
            assertThat(heard.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(message);
        }
        for (String text : List.of("a", "b1b2", "c")) {
            assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("text:saw " + text);
            assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("bin:echo " + text);
        }
    }

    @Test
    void outputFromAnotherThreadKeepsItsOrderAndStopsAtClose() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket client = connect(received);
        assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("text:hello");
        VertxFrames direct = frames.get();
        for (int i = 0; i < 1000; i++) {
            direct.writeBinary(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(received.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("bin:" + i);
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        client.closeHandler(nothing -> closed.complete(null));
        client.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        direct.writeBinary("after close".getBytes(StandardCharsets.UTF_8));
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    private WebSocket connect(BlockingQueue<String> received) throws Exception {
        // The handlers are set before connecting. Set in connect()'s onSuccess they could miss the server's hello:
        // one CI run, under load, never saw it.
        ClientWebSocket client = vertx.createWebSocketClient().webSocket();
        client.textMessageHandler(text -> received.add("text:" + text));
        client.binaryMessageHandler(bytes -> received.add("bin:" + bytes.toString(StandardCharsets.UTF_8)));
        return client.connect(server.actualPort(), "127.0.0.1", "/ws")
                .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
