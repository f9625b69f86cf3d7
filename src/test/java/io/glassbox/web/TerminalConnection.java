package io.glassbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A test client of the terminal protocol over the WebSockets Next client. */
final class TerminalConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<JsonNode> messages = new ArrayList<>();
    private final boolean acknowledge;
    private WebSocketClientConnection connection;
    private CloseReason closeReason;
    private long helloOffset = -1;

    private TerminalConnection(boolean acknowledge) {
        this.acknowledge = acknowledge;
    }

    /** Connects to {@code pathAndQuery} (a terminalUrl) on {@code base}, sending {@code headers}. */
    static TerminalConnection open(URI base, String pathAndQuery, Map<String, String> headers, boolean acknowledge) {
        TerminalConnection client = new TerminalConnection(acknowledge);
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base)
                .path(pathAndQuery)
                // On the connection's event loop: frames are handled one at a time, in the order they came (the
                // default hands each to a worker thread, which may take them out of order).
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onBinaryMessage((c, data) -> client.received(data))
                .onTextMessage((c, text) -> client.received(text))
                .onClose((c, reason) -> client.closed(reason));
        headers.forEach(connector::addHeader);
        client.connection = connector.connectAndAwait();
        return client;
    }

    static TerminalConnection open(URI base, String pathAndQuery) {
        return open(base, pathAndQuery, Map.of(), true);
    }

    private void received(Buffer data) {
        long offset;
        synchronized (this) {
            output.writeBytes(data.getBytes());
            offset = helloOffset + output.size();
            notifyAll();
        }
        if (acknowledge) {
            sendText("{\"type\":\"ack\",\"offset\":" + offset + "}");
        }
    }

    private synchronized void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.path("type").asText().equals("hello") && helloOffset < 0) {
                helloOffset = message.path("offset").asLong();
            }
            messages.add(message);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        notifyAll();
    }

    private synchronized void closed(CloseReason reason) {
        closeReason = reason;
        notifyAll();
    }

    void type(String text) {
        connection.sendBinaryAndAwait(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    void sendText(String json) {
        if (connection != null && connection.isOpen()) {
            connection.sendText(json).subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** The output offset just past what this client has received. */
    synchronized long offset() {
        return helloOffset + output.size();
    }

    synchronized long received() {
        return output.size();
    }

    synchronized String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    synchronized String textAfter(long bytes) {
        byte[] all = output.toByteArray();
        int from = (int) Math.min(bytes, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    synchronized List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    synchronized CloseReason closeReason() {
        return closeReason;
    }

    String awaitText(String text, Duration timeout) {
        return awaitTextAfter(0, text, timeout);
    }

    String awaitTextAfter(long skip, String text, Duration timeout) {
        await(() -> textAfter(skip).contains(text), timeout, "output containing \"" + text + "\"");
        return textAfter(skip);
    }

    JsonNode awaitMessage(String type, Duration timeout) {
        await(() -> messages().stream().anyMatch(m -> m.path("type").asText().equals(type)), timeout,
                "a \"" + type + "\" message");
        return messages().stream().filter(m -> m.path("type").asText().equals(type)).reduce((a, b) -> b).orElseThrow();
    }

    /** The first message of {@code type} that satisfies {@code matching}, waited for. */
    JsonNode awaitMessage(String type, java.util.function.Predicate<JsonNode> matching, Duration timeout) {
        java.util.function.Supplier<java.util.Optional<JsonNode>> found = () -> messages().stream()
                .filter(m -> m.path("type").asText().equals(type)).filter(matching).findFirst();
        await(() -> found.get().isPresent(), timeout, "a matching \"" + type + "\" message");
        return found.get().orElseThrow();
    }

    CloseReason awaitClose(Duration timeout) {
        await(() -> closeReason() != null, timeout, "the connection to close");
        return closeReason();
    }

    private synchronized void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout + "; output: " + text() + "; messages: "
                        + messages + "; closed: " + closeReason);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        if (connection != null && connection.isOpen()) {
            connection.closeAndAwait();
        }
    }
}
