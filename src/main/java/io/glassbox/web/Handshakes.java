package io.glassbox.web;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;

/** What the terminal and dashboard WebSockets do alike when a connection opens: the origin check and refusals. */
final class Handshakes {

    /** WebSocket close code for a policy violation (RFC 6455, 7.4.1). */
    static final int POLICY_VIOLATION = 1008;

    private Handshakes() {
    }

    /** Whether the page that opened {@code connection} may; if not, the connection is refused saying why. */
    static boolean fromAllowedOrigin(OriginPolicy origins, WebSocketConnection connection) {
        HandshakeRequest handshake = connection.handshakeRequest();
        if (origins.allows(handshake.header("Origin"), handshake.header("Host"))) {
            return true;
        }
        refuse(connection, "origin not allowed: " + handshake.header("Origin"));
        return false;
    }

    /** Closes {@code connection} with 1008 and {@code reason}. */
    static void refuse(WebSocketConnection connection, String reason) {
        // A close reason may hold at most 123 bytes (RFC 6455, 5.5).
        String text = reason.length() > 120 ? reason.substring(0, 120) : reason;
        connection.close(new CloseReason(POLICY_VIOLATION, text)).await().indefinitely();
    }
}
