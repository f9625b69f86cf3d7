package io.glassbox.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Glassbox terminal (docs/terminal-protocol.md): output on a {@link Screen}, the server's control messages as
 * their JSON text, output acknowledged as configured, the close code kept.
 */
public final class TerminalClient extends Screen implements AutoCloseable {

    /** Acknowledge every frame as it arrives: the server never waits for this client. */
    public static final long ACK_EVERY_FRAME = 0;
    /** Acknowledge once 64 KiB more arrived, as the browser page does (the window is 256 KiB). */
    public static final long ACK_LIKE_BROWSER = 64 * 1024;
    /** Never acknowledge: the server stops reading the terminal one window ahead. */
    public static final long NO_ACKS = -1;
    /** Output kept by default: enough for any test's transcript, bounded for floods. */
    public static final int KEEP = 4 << 20;

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern OFFSET = Pattern.compile("\"offset\"\\s*:\\s*(\\d+)");

    private final String name;
    private final long ackEvery;
    private final List<String> messages = new ArrayList<>();
    private final CompletableFuture<Closed> whenClosed = new CompletableFuture<>();
    private BiConsumer<String, Long> onMessage = (message, arrivedNanos) -> { };
    private WebSocketClient socket;
    private long helloOffset = -1;
    private long acknowledged;
    private Closed closed;

    private TerminalClient(String name, long ackEvery, int keep, BiConsumer<String, Long> onMessage) {
        super(keep);
        this.name = name;
        this.ackEvery = ackEvery;
        if (onMessage != null) {
            this.onMessage = onMessage;
        }
    }

    /** The path for messages, without its token. */
    private static String name(String pathAndQuery) {
        return pathAndQuery.replaceAll("token=[^&]*", "token=…");
    }

    /**
     * Connects to {@code pathAndQuery} (a terminalUrl or watchUrl, maybe with more parameters) on the server
     * at {@code base} (http://host:port), sending {@code headers}, acknowledging every {@code ackEvery} bytes
     * ({@link #ACK_EVERY_FRAME}, {@link #ACK_LIKE_BROWSER}, {@link #NO_ACKS}) and keeping the last {@code keep}
     * bytes of output.
     */
    public static TerminalClient open(URI base, String pathAndQuery, Map<String, String> headers, long ackEvery,
            int keep) {
        return open(base, pathAndQuery, headers, ackEvery, keep, new TerminalClient(name(pathAndQuery), ackEvery, keep,
                null));
    }

    private static TerminalClient open(URI base, String pathAndQuery, Map<String, String> headers, long ackEvery,
            int keep, TerminalClient client) {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        int port = base.getPort() > 0 ? base.getPort() : 80;
        URI uri = URI.create(scheme + "://" + base.getHost() + ":" + port + pathAndQuery);
        try {
            WebSocketClient.connect(uri, headers, client.listener());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal at " + uri.getRawPath() + ": " + e.getMessage(), e);
        }
        return client;
    }

    /**
     * As {@link #open(URI, String, Map, long, int)}, also handing every control message with its arrival time
     * ({@link System#nanoTime}) to {@code onMessage} on the reader thread, from the first message on.
     */
    public static TerminalClient open(URI base, String pathAndQuery, Map<String, String> headers, long ackEvery,
            int keep, BiConsumer<String, Long> onMessage) {
        return open(base, pathAndQuery, headers, ackEvery, keep, new TerminalClient(name(pathAndQuery), ackEvery, keep,
                onMessage));
    }

    /** Connects acknowledging every frame and keeping {@link #KEEP} bytes: what tests want. */
    public static TerminalClient open(URI base, String pathAndQuery, Map<String, String> headers, boolean acknowledge) {
        return open(base, pathAndQuery, headers, acknowledge ? ACK_EVERY_FRAME : NO_ACKS, KEEP);
    }

    public static TerminalClient open(URI base, String pathAndQuery) {
        return open(base, pathAndQuery, Map.of(), true);
    }

    private WebSocketClient.Listener listener() {
        return new WebSocketClient.Listener() {
            @Override
            public void opened(WebSocketClient socket) {
                TerminalClient.this.socket = socket; // before the first frame, which is acknowledged with it
            }

            @Override
            public void binary(byte[] payload, long arrivedNanos, boolean fin) {
                arrived(payload, 0, payload.length, arrivedNanos, fin);
                acknowledge();
            }

            @Override
            public void text(String message, long arrivedNanos) {
                control(message);
                onMessage.accept(message, arrivedNanos);
            }

            @Override
            public void closed(Closed reason) {
                synchronized (TerminalClient.this) {
                    closed = reason;
                }
                ended("closed " + reason);
                whenClosed.complete(reason);
            }
        };
    }

    private synchronized void control(String message) {
        if (helloOffset < 0 && "hello".equals(messageType(message))) {
            Matcher offset = OFFSET.matcher(message);
            helloOffset = offset.find() ? Long.parseLong(offset.group(1)) : 0;
        }
        messages.add(message);
        notifyAll();
    }

    private void acknowledge() {
        if (ackEvery < 0) {
            return;
        }
        long offset;
        synchronized (this) {
            long received = received();
            if (received - acknowledged < ackEvery || received == acknowledged) {
                return;
            }
            acknowledged = received;
            offset = helloOffset + received;
        }
        sendText("{\"type\":\"ack\",\"offset\":" + offset + "}");
    }

    /** The value of a message's {@code type} (its first "type" field), or null. */
    public static String messageType(String json) {
        Matcher m = TYPE.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public String name() {
        return "terminal " + name;
    }

    @Override
    public void send(byte[] bytes) {
        try {
            socket.sendBinary(bytes);
        } catch (IOException e) {
            ended("send failed: " + e);
        }
    }

    /** Sends terminal input as one message in frames of at most {@code frameSize} bytes. */
    public void sendFragmented(byte[] bytes, int frameSize) {
        try {
            socket.sendBinaryFragmented(bytes, frameSize);
        } catch (IOException e) {
            ended("send failed: " + e);
        }
    }

    /** Sends a control message (written at once, so it keeps its order with keystrokes); lost on a dead socket. */
    public void sendText(String json) {
        try {
            socket.sendText(json);
        } catch (IOException e) {
            ended("send failed: " + e);
        }
    }

    /** The output offset just past what this client has received (the hello's offset + bytes received). */
    public synchronized long offset() {
        return helloOffset + received();
    }

    /** The control messages received so far, as JSON text. */
    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits for a message of {@code type} and returns the latest one. */
    public String awaitMessage(String type, Duration timeout) {
        return awaitMessage(type, m -> true, timeout, false);
    }

    /** Waits for the first message of {@code type} that satisfies {@code matching}. */
    public String awaitMessage(String type, Predicate<String> matching, Duration timeout) {
        return awaitMessage(type, matching, timeout, true);
    }

    private String awaitMessage(String type, Predicate<String> matching, Duration timeout, boolean first) {
        await(() -> find(type, matching, first).isPresent(), timeout, "\"" + type + "\" message");
        return find(type, matching, first).orElseThrow();
    }

    private synchronized Optional<String> find(String type, Predicate<String> matching, boolean first) {
        List<String> found = messages.stream().filter(m -> type.equals(messageType(m))).filter(matching).toList();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(first ? 0 : found.size() - 1));
    }

    /** How the connection ended, or null while it is open. */
    public synchronized Closed closeReason() {
        return closed;
    }

    /** Completes when the connection ended. */
    public CompletableFuture<Closed> whenClosed() {
        return whenClosed;
    }

    /** Waits for the connection to end; null if it did not within {@code timeout}. */
    public Closed waitForClose(Duration timeout) {
        waitFor(() -> closeReason() != null, timeout);
        return closeReason();
    }

    /** Waits for the connection to end and returns how; throws if it did not. */
    public Closed awaitClose(Duration timeout) {
        await(() -> closeReason() != null, timeout, "close");
        return closeReason();
    }

    @Override
    protected String details() {
        return "; messages: " + messages() + "; closed: " + closeReason();
    }

    /** Closes with 1000 and waits (briefly) for the server's answer. */
    @Override
    public void close() {
        if (closeReason() == null) {
            socket.close(1000);
            if (waitForClose(Duration.ofSeconds(5)) == null) {
                socket.abort();
            }
        }
    }

    /** Drops the connection without a close handshake, as a browser tab that was killed. */
    /** Pings the server has sent this connection so far. */
    public int pingsReceived() {
        return socket.pingsReceived();
    }

    public void abort() {
        socket.abort();
    }
}
