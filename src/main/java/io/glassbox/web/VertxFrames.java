package io.glassbox.web;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The terminal's two hot paths, keystroke frames in and output frames out, straight between the terminal and the
 * connection's Netty pipeline. Measured on this machine, the layers above Netty were most of the server's time per
 * keystroke (docs/terminal-engine.md): WebSockets Next wraps each incoming message in a duplicated context, a task, its
 * serialiser, the CDI contexts and a Uni, each outgoing one in a Uni; under that, Vert.x copies an incoming frame
 * three times (its decoder's safe copy, its frame aggregator's buffer and that buffer's copy) and dispatches it through
 * its inbound queue, and wraps an outgoing one in a frame, a buffer and a promise. Everything else (handshake, open,
 * close, errors, control messages, pings) stays with WebSockets Next and Vert.x.
 *
 * <p>In: a Netty handler of ours, just before Vert.x's in the pipeline, takes each whole binary frame, hands its bytes
 * to the terminal and releases it; any other frame (text, ping, close, a message in fragments) goes on to Vert.x. Out:
 * a Netty binary frame over the terminal's own array, through Vert.x's {@link ConnectionBase#writeToChannel}, which
 * keeps the order of writes made from different threads (a write made on the event loop waits behind writes still
 * queued from other threads) and flushes once a burst of them is out.
 *
 * <p>Three internals are reached for, each looked up once: WebSockets Next's package-private
 * {@code WebSocketConnectionBase.webSocket()}, vertx-web's {@code ServerWebSocketWrapper.delegate} (the router hands
 * WebSockets Next a wrapper around Vert.x's socket) and Vert.x's pipeline name for its own handler
 * ({@code "handler"}). If an upgrade moves one, {@link #of} is empty and the terminal takes WebSockets Next's path,
 * only slower; {@code VertxFramesTest} fails then, so the upgrade says so.
 */
final class VertxFrames {

    private static final Logger LOG = Logger.getLogger(VertxFrames.class);
    /** The name Vert.x gives its own handler in a connection's pipeline; ours goes just before it. */
    static final String VERTX_HANDLER = "handler";
    static final String KEYSTROKES = "glassbox-keystrokes";
    private static final MethodHandle WEB_SOCKET = PrivateMembers.method(
            "io.quarkus.websockets.next.runtime.WebSocketConnectionBase", "webSocket",
            MethodType.methodType(WebSocketBase.class, WebSocketConnection.class));
    private static final MethodHandle WRAPPED = PrivateMembers.getter("io.vertx.ext.web.impl.ServerWebSocketWrapper",
            "delegate");

    private final WebSocketBase socket;
    private final WebSocketInternal core;
    private final ConnectionBase connection;

    private VertxFrames(WebSocketBase socket, WebSocketInternal core, ConnectionBase connection) {
        this.socket = socket;
        this.core = core;
        this.connection = connection;
    }

    /** The frame paths of {@code connection}, if this Quarkus and Vert.x still have what is reached for. */
    static Optional<VertxFrames> of(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return Optional.empty();
        }
        try {
            return of((WebSocketBase) WEB_SOCKET.invoke(connection));
        } catch (Throwable unexpected) {
            return Optional.empty();
        }
    }

    /** The frame paths of a Vert.x server socket, or of the one a vertx-web wrapper holds. */
    static Optional<VertxFrames> of(WebSocketBase socket) {
        WebSocketBase core = socket;
        if (WRAPPED != null && socket != null && WRAPPED.type().parameterType(0).isInstance(socket)) {
            try {
                core = (WebSocketBase) WRAPPED.invoke(socket);
            } catch (Throwable unexpected) {
                return Optional.empty();
            }
        }
        if (core instanceof WebSocketInternal internal && internal.connection() instanceof ConnectionBase base) {
            return Optional.of(new VertxFrames(socket, internal, base));
        }
        return Optional.empty();
    }

    /** Whether this Quarkus and vertx-web have the accessors (for the test that guards upgrades). */
    static boolean available() {
        return WEB_SOCKET != null && WRAPPED != null;
    }

    /**
     * From here on every binary message goes to {@code keystrokes} on the connection's event loop: whole frames
     * through our Netty handler, and (through Vert.x, as a fallback) a message that came in fragments or a frame read
     * before the handler was in place. Frames keep their order as long as the client sends nothing before it hears
     * from the server after this call: the handler is added by a task on the event loop that precedes any write
     * queued after this call.
     *
     * @throws IllegalStateException if the socket has closed meanwhile
     */
    void takeBinaryMessages(Consumer<byte[]> keystrokes) {
        socket.binaryMessageHandler(message -> keystrokes.accept(message.getBytes()));
        try {
            core.channelHandlerContext().pipeline().addBefore(VERTX_HANDLER, KEYSTROKES, new Keystrokes(keystrokes));
        } catch (RuntimeException noVertxHandler) {
            // The pipeline is closed, or Vert.x named its handler otherwise: Vert.x's path still delivers.
            LOG.debugf("keystroke frames through Vert.x: %s", noVertxHandler.toString());
        }
    }

    /** Writes {@code bytes} as one binary frame, after every frame queued before; the array is the frame's now. */
    void writeBinary(byte[] bytes) {
        synchronized (connection) {
            // Vert.x checks and writes under the same lock, so no frame follows a close frame.
            if (!core.isClosed()) {
                connection.writeToChannel(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
            }
        }
    }

    /** The event loop this connection's frames are read and written on. */
    io.netty.channel.EventLoop eventLoop() {
        return core.channelHandlerContext().channel().eventLoop();
    }

    /** Whether our handler is in this connection's pipeline (for tests). */
    boolean takesFramesInNetty() {
        return core.channelHandlerContext().pipeline().get(KEYSTROKES) != null;
    }

    /**
     * Whole binary frames to the terminal; everything else to Vert.x. A message in fragments starts with a binary or
     * text frame that is not final and goes on in continuation frames (Netty's decoder refuses a new message before
     * it ends), so all of it passes to Vert.x, which assembles it.
     */
    private static final class Keystrokes extends ChannelInboundHandlerAdapter {

        private final Consumer<byte[]> keystrokes;

        Keystrokes(Consumer<byte[]> keystrokes) {
            this.keystrokes = keystrokes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame frame && frame.isFinalFragment()) {
                byte[] bytes;
                try {
                    bytes = ByteBufUtil.getBytes(frame.content());
                } finally {
                    frame.release();
                }
                keystrokes.accept(bytes);
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }
}
