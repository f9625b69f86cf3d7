package io.glassbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.app.Engine;
import io.glassbox.session.Session;
import io.glassbox.session.SessionException;
import io.glassbox.terminal.ClientMessage;
import io.glassbox.terminal.ServerMessage;
import io.glassbox.terminal.Terminal;
import io.glassbox.terminal.TerminalMode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import java.util.Optional;

/**
 * The terminal WebSocket (docs/terminal-protocol.md): checks origin and token, then hands the connection
 * to the terminal of the requested tab. Refusals close the connection with 1008 and a reason.
 */
@WebSocket(path = "/api/sessions/{id}/terminals/{tab}")
public class TerminalSocket {

    private static final Logger LOG = Logger.getLogger(TerminalSocket.class);
    /** RFC 6455 7.4.1: a message too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;
    static final int SERVER_ERROR = 1011;

    private static final UserData.TypedKey<Terminal.Attachment> ATTACHMENT = new UserData.TypedKey<>("attachment");
    private static final UserData.TypedKey<Session> SESSION = new UserData.TypedKey<>("session");
    private static final UserData.TypedKey<EarlyInput> EARLY = new UserData.TypedKey<>("early-input");
    private static final UserData.TypedKey<IdlePings> PINGS = new UserData.TypedKey<>("idle-pings");

    /**
     * Keystrokes that arrive while {@link #open} is still attaching: open runs on a worker thread and input on
     * the event loop, so a client that types as soon as it sees the hello (sent by attach) can be faster than
     * open's last lines. They are written once attached, in order; at most 64 frames wait.
     */
    private static final class EarlyInput {
        private final java.util.List<byte[]> frames = new java.util.ArrayList<>();
        private boolean attached;
    }

    private final Engine engine;
    private final ObjectMapper json;
    private final OriginPolicy origins;

    public TerminalSocket(Engine engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
        this.origins = OriginPolicy.configured(engine.config());
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        if (!Handshakes.fromAllowedOrigin(origins, connection)) {
            return;
        }
        EarlyInput early = new EarlyInput();
        connection.userData().put(EARLY, early);
        connection.userData().put(PINGS, IdlePings.watch(connection, engine.config().web().idlePingAfter(),
                engine.timers()));
        Optional<VertxFrames> frames = engine.config().terminal().directFrames()
                ? VertxFrames.of(connection) : Optional.empty();
        if (frames.isPresent() && !takeKeystrokes(frames.get(), connection)) {
            return;
        }
        TerminalRequest request = TerminalRequest.parse(connection.handshakeRequest().query());
        Session session;
        try {
            session = engine.sessions().get(connection.pathParam("id"));
        } catch (SessionException e) {
            Handshakes.refuse(connection, "no such session; it may have ended");
            return;
        }
        Optional<TerminalMode> access = session.terminalAccess(request.token());
        if (access.isEmpty()) {
            Handshakes.refuse(connection, request.token() == null ? "token missing" : "wrong token for this session");
            return;
        }
        Optional<Terminal> terminal = tab(connection).flatMap(tab -> session.terminals().get(tab));
        if (terminal.isEmpty()) {
            Handshakes.refuse(connection, "no terminal tab " + connection.pathParam("tab") + " in this session");
            return;
        }
        TerminalMode mode = request.watch() ? TerminalMode.WATCH : access.get();
        try {
            SocketClient client = new SocketClient(connection, frames.orElse(null), json, Language.pick(request.lang(),
                    connection.handshakeRequest().header(HttpHeaders.ACCEPT_LANGUAGE)));
            Terminal.Attachment attachment = terminal.get().attach(client, mode, request.since(), request.columns(),
                    request.rows());
            catchUpOnFastForward(session, terminal.get(), client);
            connection.userData().put(ATTACHMENT, attachment);
            connection.userData().put(SESSION, session);
            synchronized (early) {
                early.attached = true;
                early.frames.forEach(attachment::input);
                early.frames.clear();
            }
            session.touch(engine.sessions().clock());
        } catch (IllegalStateException closed) {
            Handshakes.refuse(connection, "the session is ending");
        }
    }

    /**
     * From here on keystroke frames go from Netty straight to {@link #input}, not through Vert.x's and WebSockets
     * Next's per-message dispatch ({@link VertxFrames}). Done first thing in {@link #open}, before the hello that tells
     * a client it may type, so every frame a client sends after it takes this path in order (a frame sent before the
     * hello may still be on WebSockets Next's way). False if the connection has closed meanwhile.
     */
    private boolean takeKeystrokes(VertxFrames frames, WebSocketConnection connection) {
        try {
            frames.takeBinaryMessages(bytes -> {
                try {
                    input(bytes, connection);
                } catch (RuntimeException e) {
                    error(e, connection);
                }
            });
            return true;
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    @OnBinaryMessage
    public io.smallrye.mutiny.Uni<Void> input(byte[] bytes, WebSocketConnection connection) {
        heard(connection);
        Terminal.Attachment attachment = connection.userData().get(ATTACHMENT);
        EarlyInput early = connection.userData().get(EARLY);
        if (attachment == null && early != null) {
            synchronized (early) {
                if (!early.attached) {
                    if (early.frames.size() < 64) {
                        early.frames.add(bytes);
                    }
                    return io.smallrye.mutiny.Uni.createFrom().voidItem();
                }
            }
            attachment = connection.userData().get(ATTACHMENT);
        }
        if (attachment != null) {
            attachment.input(bytes);
            connection.userData().get(SESSION).touch(engine.sessions().clock());
        }
        return io.smallrye.mutiny.Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public void control(String text, WebSocketConnection connection) {
        heard(connection);
        Terminal.Attachment attachment = connection.userData().get(ATTACHMENT);
        if (attachment == null) {
            return;
        }
        ClientMessage message;
        try {
            message = json.readValue(text, ClientMessage.class);
        } catch (JsonProcessingException e) {
            new SocketClient(connection, null, json, "en").send(new ServerMessage.Error(
                    "not a terminal control message (see docs/terminal-protocol.md): " + abbreviate(text)));
            return;
        }
        attachment.handle(message);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Terminal.Attachment attachment = connection.userData().get(ATTACHMENT);
        if (attachment != null) {
            attachment.detach();
        }
    }

    /**
     * A window that connects while the server fast-forwards the lab host, or after, missed the pushes so far (the
     * "ready" that lets it take keys, say): it gets the status now. Read and sent under the terminal's lock, which
     * its broadcasts hold, so no later push can overtake this one.
     */
    private static void catchUpOnFastForward(Session session, Terminal terminal, SocketClient client) {
        synchronized (terminal) {
            session.fastForward().ifPresent(status -> client.send(new ServerMessage.Push("fast-forward", status)));
        }
    }

    private static void heard(WebSocketConnection connection) {
        IdlePings pings = connection.userData().get(PINGS);
        if (pings != null) {
            pings.heard();
        }
    }

    private static Optional<Integer> tab(WebSocketConnection connection) {
        String tab = connection.pathParam("tab");
        return tab != null && tab.matches("[1-9]\\d{0,2}") ? Optional.of(Integer.parseInt(tab)) : Optional.empty();
    }

    /**
     * Vert.x refuses a message over quarkus.websockets-next.server.max-message-size (64 KiB) with an exception:
     * that is the client's mistake, so it gets 1009 (message too big) and a reason it can act on, not 1011. The
     * shell lives on: the client may reconnect. Anything else is closed as a server error.
     */
    @OnError
    public void error(Throwable failure, WebSocketConnection connection) {
        String message = String.valueOf(failure.getMessage());
        boolean tooBig = message.contains("max message size");
        if (!tooBig) {
            LOG.warnf(failure, "terminal connection %s failed", connection.id());
        }
        if (!connection.isClosed()) {
            connection.close(tooBig
                    ? new CloseReason(MESSAGE_TOO_BIG, "frame over 64 KiB: send input in smaller frames")
                    : new CloseReason(SERVER_ERROR, abbreviate(message))).subscribe().with(ok -> { }, ignored -> { });
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
