package io.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.websockets.next.WebSocketConnection;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Guards the terminal's direct frame path against a Quarkus upgrade that moves the socket it reaches for. */
class VertxFramesTest {

    @Test
    void thisQuarkusKeepsTheVertxSocketWhereTheTerminalLooksForIt() {
        assertTrue(VertxFrames.available(), "WebSocketConnectionBase.webSocket() not found: this Quarkus moved it, so"
                + " terminals fall back to WebSockets Next's per-message path (slower); update VertxFrames");
    }

    @Test
    void aConnectionOfAnotherKindHasNoSocketAndTakesWebSocketsNextsPath() {
        WebSocketConnection other = (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> null);
        assertTrue(VertxFrames.of(other).isEmpty());
    }
}
