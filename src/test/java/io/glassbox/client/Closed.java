package io.glassbox.client;

/**
 * How a WebSocket ended: the close frame's status code and reason (RFC 6455, 7.4), or {@code 1006} when the
 * connection dropped without one.
 */
public record Closed(int code, String reason) {

    @Override
    public String toString() {
        return code + (reason.isEmpty() ? "" : " " + reason);
    }
}
