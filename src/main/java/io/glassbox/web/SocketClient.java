package io.glassbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.host.Readiness;
import io.glassbox.terminal.LocalizedBody;
import io.glassbox.terminal.ServerMessage;
import io.glassbox.terminal.TerminalClient;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A terminal client that is a WebSocket connection. Sends are asynchronous: Vert.x queues them on the
 * connection's event loop in the order they were made, so the terminal's thread never waits for the network.
 */
final class SocketClient implements TerminalClient {

    private static final Logger LOG = Logger.getLogger(SocketClient.class);

    private final WebSocketConnection connection;
    /** The path output frames are written to directly, or null: then through WebSockets Next. */
    private final VertxFrames frames;
    private final ObjectMapper json;
    private final String language;

    /**
     * @param frames the path to write output frames to directly, or null
     * @param language the language pushes with words (check results) are rendered in for this connection
     */
    SocketClient(WebSocketConnection connection, VertxFrames frames, ObjectMapper json, String language) {
        this.connection = connection;
        this.frames = frames;
        this.json = json;
        this.language = language;
    }

    @Override
    public void sendOutput(byte[] bytes) {
        if (frames != null) {
            frames.writeBinary(bytes);
        } else {
            connection.sendBinary(bytes).subscribe().with(sent -> { }, this::failed);
        }
    }

    /** Output is read on this connection's event loop, where its frames are written ({@link EventLoopReadiness}). */
    @Override
    public Optional<Readiness> readiness() {
        return frames == null ? Optional.empty() : EventLoopReadiness.of(frames.eventLoop());
    }

    @Override
    public void send(ServerMessage message) {
        try {
            String text = message instanceof ServerMessage.Push push ? flatten(push) : json.writeValueAsString(message);
            connection.sendText(text).subscribe().with(sent -> { }, this::failed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    private String flatten(ServerMessage.Push push) throws JsonProcessingException {
        ObjectNode node = json.createObjectNode().put("type", push.type());
        Object body = push.body() instanceof LocalizedBody localized ? localized.in(language) : push.body();
        node.setAll((ObjectNode) json.valueToTree(body));
        return json.writeValueAsString(node);
    }

    @Override
    public void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(closed -> { }, this::failed);
        }
    }

    private void failed(Throwable failure) {
        // The peer went away mid-send; the close handler detaches it.
        LOG.debugf("terminal connection %s: %s", connection.id(), failure.getMessage());
    }
}
