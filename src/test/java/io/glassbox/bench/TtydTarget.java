package io.glassbox.bench;

import io.glassbox.client.Closed;
import io.glassbox.client.Screen;
import io.glassbox.client.WebSocketClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * ttyd 1.7.7 as the reference (../shared/bench/README.md): every WebSocket to {@code /ws} (subprotocol
 * {@code tty}) starts its own {@code bash --norc}. Its protocol (ttyd src/protocol.c): the first client message
 * is JSON with the size, then each client frame is a command byte and its payload ({@code '0'} input), and each
 * server frame too ({@code '0'} output, {@code '1'} title, {@code '2'} preferences). ttyd has no
 * acknowledgements: TCP back-pressure paces it (its browser client sends pause/resume, which a client that
 * keeps up never needs).
 */
final class TtydTarget implements Target {

    private final URI ws;
    private final long pid;

    TtydTarget(URI base, long pid) {
        this.ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws");
        this.pid = pid;
    }

    @Override
    public String name() {
        return "ttyd";
    }

    @Override
    public Screen open() throws IOException {
        TtydTerminal terminal = new TtydTerminal();
        terminal.socket = WebSocketClient.connect(ws, Map.of("Sec-WebSocket-Protocol", "tty"), terminal);
        terminal.socket.sendBinary("{\"AuthToken\":\"\",\"columns\":80,\"rows\":24}".getBytes(StandardCharsets.UTF_8));
        terminal.awaitText("# ", Duration.ofSeconds(30));
        return terminal;
    }

    @Override
    public void close(Screen terminal) {
        // ttyd hangs the shell up when its WebSocket closes.
        ((TtydTerminal) terminal).socket.close(1000);
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public Set<Long> processes() {
        return Procfs.tree(pid);
    }

    /** One ttyd terminal: output frames' first byte says what they are. */
    private static final class TtydTerminal extends Screen implements WebSocketClient.Listener {
        private WebSocketClient socket;

        TtydTerminal() {
            super(KEEP);
        }

        @Override
        public void binary(byte[] payload, long arrivedNanos, boolean fin) {
            if (payload.length > 0 && payload[0] == '0') {
                arrived(payload, 1, payload.length - 1, arrivedNanos, fin);
            }
        }

        @Override
        public void text(String message, long arrivedNanos) {
            // ttyd sends binary frames only
        }

        @Override
        public void closed(Closed reason) {
            ended("closed " + reason);
        }

        @Override
        public void send(byte[] bytes) {
            byte[] frame = new byte[bytes.length + 1];
            frame[0] = '0';
            System.arraycopy(bytes, 0, frame, 1, bytes.length);
            try {
                socket.sendBinary(frame);
            } catch (IOException e) {
                ended("send failed: " + e);
            }
        }

        @Override
        public String name() {
            return "ttyd terminal";
        }
    }
}
