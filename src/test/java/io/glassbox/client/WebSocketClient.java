package io.glassbox.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket client over a plain socket with just enough of RFC 6455 for a terminal: no TLS, no extensions.
 * A daemon thread blocks reading frames and hands each to the {@link Listener} with the {@link System#nanoTime}
 * it arrived at, on that same thread (see package-info for why). Sends are written and flushed at once by the
 * calling thread, so they keep their order.
 */
public final class WebSocketClient {

    /** Called on the reader thread, one frame after the other. */
    public interface Listener {
        /**
         * The handshake succeeded; called on the connecting thread before the reader thread starts, so a
         * listener that answers frames (acknowledgements) holds its socket before the first frame arrives.
         */
        default void opened(WebSocketClient socket) {
        }

        /** A binary frame (or a continuation of a binary message); {@code fin} ends the message. */
        void binary(byte[] payload, long arrivedNanos, boolean fin);

        /** A whole text message, arrived at {@code arrivedNanos}. */
        void text(String message, long arrivedNanos);

        /** The connection ended; called once. */
        void closed(Closed reason);
    }

    private static final int CONTINUATION = 0;
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Listener listener;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closing;
    private final AtomicInteger pings = new AtomicInteger();

    private WebSocketClient(Socket socket, Listener listener) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.listener = listener;
    }

    /**
     * Opens {@code uri} (ws://host:port/path?query) with extra request {@code headers} (e.g. Origin,
     * Sec-WebSocket-Protocol) and starts the reader thread. Throws when the server does not answer 101.
     */
    public static WebSocketClient connect(URI uri, Map<String, String> headers, Listener listener) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setTcpNoDelay(true);
        WebSocketClient client = new WebSocketClient(socket, listener);
        try {
            client.handshake(uri, headers);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        listener.opened(client);
        Thread reader = new Thread(client::readFrames, "ws-" + uri.getPort() + uri.getRawPath());
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    private void handshake(URI uri, Map<String, String> headers) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder response = new StringBuilder();
        while (response.indexOf("\r\n\r\n") < 0) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the server closed the connection during the WebSocket handshake");
            }
            response.append((char) c);
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("WebSocket handshake refused: " + response.toString().lines().findFirst().orElse(""));
        }
    }

    /** The reader thread: frames in, pings answered, until a close frame or the end of the stream. */
    private void readFrames() {
        Closed closed;
        try {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int messageType = 0;
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = in.readNBytes((int) length);
                long now = System.nanoTime();
                int opcode = first & 0x0f;
                boolean fin = (first & 0x80) != 0;
                if (opcode == CLOSE) {
                    int code = payload.length >= 2 ? (payload[0] & 0xff) << 8 | (payload[1] & 0xff) : 1005;
                    String reason = payload.length > 2
                            ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    closed = new Closed(code, reason);
                    if (!closing) {
                        write(CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    }
                    break;
                }
                if (opcode == PING) {
                    pings.incrementAndGet();
                    write(PONG, payload);
                    continue;
                }
                if (opcode == TEXT || opcode == BINARY) {
                    messageType = opcode;
                    text.reset();
                }
                if (messageType == BINARY) {
                    listener.binary(payload, now, fin);
                } else if (messageType == TEXT) {
                    text.writeBytes(payload);
                    if (fin) {
                        listener.text(text.toString(StandardCharsets.UTF_8), now);
                    }
                }
            }
        } catch (EOFException e) {
            closed = new Closed(1006, "connection ended without a close frame");
        } catch (IOException e) {
            closed = new Closed(1006, e.toString());
        }
        abort();
        listener.closed(closed);
    }

    public void sendBinary(byte[] payload) throws IOException {
        write(BINARY, payload);
    }

    /**
     * Sends one binary message in frames of at most {@code frameSize} bytes (RFC 6455, 5.4: the first frame
     * binary, the rest continuations, the last with FIN), as clients that cap their frames do.
     */
    public synchronized void sendBinaryFragmented(byte[] payload, int frameSize) throws IOException {
        int from = 0;
        do {
            int to = Math.min(payload.length, from + frameSize);
            writeFrame(from == 0 ? BINARY : CONTINUATION, to == payload.length, Arrays.copyOfRange(payload, from, to));
            from = to;
        } while (from < payload.length);
        out.flush();
    }

    public void sendText(String message) throws IOException {
        write(TEXT, message.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a close frame with {@code code}; the reader thread ends when the server answers it. */
    public void close(int code) {
        closing = true;
        try {
            write(CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
        } catch (IOException e) {
            abort();
        }
    }

    /** Pings the server has sent so far (each answered with a pong at once). */
    public int pingsReceived() {
        return pings.get();
    }

    /** Drops the connection without a close handshake. */
    public void abort() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private synchronized void write(int opcode, byte[] payload) throws IOException {
        writeFrame(opcode, true, payload);
        out.flush();
    }

    /** A client frame: FIN, the opcode, the masked payload (RFC 6455, 5.2 and 5.3); not flushed. */
    private void writeFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        out.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(masked);
    }
}
