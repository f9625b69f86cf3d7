package io.glassbox.attack;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * A learner at a terminal: types into a lab host's shell over the terminal WebSocket and reads what comes back
 * (docs/terminal-protocol.md). Never throws on a slow or dead shell: an attack's effect is what it observes.
 */
final class LabTerminal implements AutoCloseable {

    private static final AtomicInteger MARKS = new AtomicInteger(1000);
    /** Terminal control sequences (CSI such as bracketed paste mode, OSC such as window titles). */
    static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)|\u001b[()][0-9A-B]|\u001b[=>]");
    /** Output kept per connection: a flood must not fill the test JVM's heap, which is the server's too. */
    private static final int KEEP = 4 << 20;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<String> texts = new ArrayList<>();
    private final boolean acknowledge;
    private WebSocketClientConnection connection;
    private CloseReason closeReason;
    private long helloOffset = -1;
    private long dropped;

    private LabTerminal(boolean acknowledge) {
        this.acknowledge = acknowledge;
    }

    /** Connects to {@code pathAndQuery} (a terminalUrl) on {@code base}, sending {@code headers}. */
    static LabTerminal open(URI base, String pathAndQuery, Map<String, String> headers, boolean acknowledge) {
        LabTerminal client = new LabTerminal(acknowledge);
        // On the event loop, one frame after the other: the default (worker threads) may append frames out of
        // order, which garbles what the learner sees.
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path(pathAndQuery)
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onBinaryMessage((c, data) -> client.received(data))
                .onTextMessage((c, text) -> client.received(text))
                .onClose((c, reason) -> client.closed(reason));
        headers.forEach(connector::addHeader);
        client.connection = connector.connectAndAwait();
        return client;
    }

    private void received(Buffer data) {
        long offset;
        synchronized (this) {
            output.writeBytes(data.getBytes());
            if (output.size() > KEEP) {
                byte[] all = output.toByteArray();
                output.reset();
                output.write(all, all.length / 2, all.length - all.length / 2);
                dropped += all.length / 2;
            }
            offset = helloOffset + dropped + output.size();
            notifyAll();
        }
        if (acknowledge) {
            sendText("{\"type\":\"ack\",\"offset\":" + offset + "}");
        }
    }

    private synchronized void received(String text) {
        if (helloOffset < 0 && text.contains("\"hello\"")) {
            helloOffset = Long.parseLong(text.replaceAll("(?s).*\"offset\":(\\d+).*", "$1"));
        }
        texts.add(text);
        notifyAll();
    }

    private synchronized void closed(CloseReason reason) {
        closeReason = reason;
        notifyAll();
    }

    void type(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
        if (connection.isOpen()) {
            connection.sendBinaryAndAwait(Buffer.buffer(bytes));
        }
    }

    void sendText(String json) {
        if (connection != null && connection.isOpen()) {
            connection.sendText(json).subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Sends a control message and waits until it is written, so messages keep their order with keystrokes. */
    void sendTextAndAwait(String json) {
        if (connection.isOpen()) {
            connection.sendTextAndAwait(json);
        }
    }

    synchronized long offset() {
        return helloOffset + dropped + output.size();
    }

    /** Bytes received on this connection. */
    synchronized long received() {
        return dropped + output.size();
    }

    synchronized String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** What was received after the first {@code bytes} bytes (as far as it is still kept). */
    synchronized String textAfter(long bytes) {
        byte[] all = output.toByteArray();
        int from = (int) Math.min(Math.max(0, bytes - dropped), all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    synchronized List<String> messages() {
        return List.copyOf(texts);
    }

    synchronized CloseReason closeReason() {
        return closeReason;
    }

    /** Waits for {@code condition}; false when it did not come true within {@code timeout}. */
    synchronized boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    boolean awaitTextAfter(long skip, String text, Duration timeout) {
        return await(() -> textAfter(skip).contains(text), timeout);
    }

    CloseReason awaitClose(Duration timeout) {
        await(() -> closeReason != null, timeout);
        return closeReason();
    }

    /**
     * Types {@code command} and waits for it to finish: its output (stdout and stderr, control sequences
     * removed), with {@code rc=<status>} as its last line, taken between a begin and an end mark the shell
     * prints around it. The marks are typed as arithmetic expansions, so no echo of the typed line contains
     * them. On timeout a Ctrl-C is sent and the output so far is returned, ending in {@code (timed out)}.
     */
    String run(String command, Duration timeout) {
        int mark = MARKS.incrementAndGet();
        String begin = "@@B" + mark + "@@";
        String end = "@@" + mark + "@@";
        long skip = received();
        type("echo @@B$((" + mark + "))@@; " + command + "; echo rc=$? @@$((" + mark + "))@@\r");
        boolean done = awaitTextAfter(skip, end, timeout);
        if (!done) {
            type("\u0003");
        }
        String out = textAfter(skip);
        // Both marks are printed by the shell (the typed line holds them as arithmetic expansions, and may be
        // echoed more than once, interleaved with output, by the two terminals in series): what lies between
        // them is the command's output, whatever the echoes did.
        int from = out.indexOf(begin);
        int at = out.indexOf(end, Math.max(0, from));
        // Without the begin mark (a flood pushed it out of what is kept), everything kept counts as output.
        int start = from < 0 ? 0 : from + begin.length();
        out = out.substring(start, at < start ? out.length() : at);
        out = ANSI.matcher(out).replaceAll("").replace("\r", "").strip();
        return done ? out : out + "\n(timed out after " + timeout.toSeconds() + " s)";
    }

    @Override
    public void close() {
        if (connection != null && connection.isOpen()) {
            try {
                connection.closeAndAwait();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }
}
