package io.glassbox.web;

import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * The Vert.x WebSocket under a WebSockets Next connection, for the terminal's two hot paths: keystroke frames in
 * and output frames out. WebSockets Next wraps each incoming message in a new duplicated context, a task on the
 * event loop, its per-connection serialiser, the CDI contexts and a Uni, and each outgoing one in a Uni over a
 * CompletionStage; measured on this machine that is most of the server's time per keystroke
 * (docs/terminal-engine.md). Everything else (handshake, open, close, errors, control messages, pings) stays with
 * WebSockets Next.
 *
 * <p>The connection's socket is behind a package-private accessor ({@code WebSocketConnectionBase.webSocket()}),
 * looked up once. If a Quarkus upgrade moves it, {@link #of} is empty and the terminal takes WebSockets Next's
 * path, only slower; {@code VertxFramesTest} fails then, so the upgrade says so.
 */
final class VertxFrames {

    private static final MethodHandle WEB_SOCKET = lookUp();

    private VertxFrames() {
    }

    /** The Vert.x socket under {@code connection}, if this Quarkus still has it where it is looked for. */
    static Optional<WebSocketBase> of(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((WebSocketBase) WEB_SOCKET.invoke(connection));
        } catch (Throwable unexpected) {
            return Optional.empty();
        }
    }

    /** Whether this Quarkus has the accessor (for the test that guards upgrades). */
    static boolean available() {
        return WEB_SOCKET != null;
    }

    private static MethodHandle lookUp() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase");
            var method = base.getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(WebSocketBase.class,
                    WebSocketConnection.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
