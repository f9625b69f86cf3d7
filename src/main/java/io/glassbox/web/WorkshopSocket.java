package io.glassbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.app.Engine;
import io.glassbox.workshop.WorkshopException;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

/**
 * The dashboard's live feed (docs/workshop-api.md, "The live feed"): the whole roster first, then each learner's
 * row as it changes. The staff cookie authenticates it (the browser sends cookies on a same-origin WebSocket);
 * staff who may not see the workshop, or a foreign origin, are refused with 1008.
 */
@WebSocket(path = "/api/workshops/{id}/live")
public class WorkshopSocket {

    private static final Logger LOG = Logger.getLogger(WorkshopSocket.class);
    private static final UserData.TypedKey<Runnable> UNWATCH = new UserData.TypedKey<>("unwatch");

    private final Engine engine;
    private final ObjectMapper json;
    private final OriginPolicy origins;

    public WorkshopSocket(Engine engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
        this.origins = OriginPolicy.configured(engine.config());
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        if (!Handshakes.fromAllowedOrigin(origins, connection)) {
            return;
        }
        Workshop workshop;
        try {
            StaffMember staff = engine.classroom().staff().authenticate(
                    cookie(connection.handshakeRequest().header("Cookie"), Cookies.STAFF));
            workshop = engine.classroom().workshops().get(staff, connection.pathParam("id"));
        } catch (WorkshopException e) {
            Handshakes.refuse(connection, e.getMessage());
            return;
        }
        IdlePings.watch(connection, engine.config().web().idlePingAfter(), engine.timers());
        send(connection, engine.classroom().roster().snapshot(engine.classroom().workshops().view(workshop), workshop));
        connection.userData().put(UNWATCH, engine.classroom().feed().watch(workshop.id(), message -> send(connection, message)));
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        Runnable unwatch = connection.userData().get(UNWATCH);
        if (unwatch != null) {
            unwatch.run();
        }
    }

    private void send(WebSocketConnection connection, Object message) {
        if (connection.isClosed()) {
            return;
        }
        try {
            connection.sendText(json.writeValueAsString(message)).subscribe().with(ok -> { },
                    failure -> LOG.debugf(failure, "dashboard %s did not take a message", connection.id()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of cookie {@code name} in a Cookie header, or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String pair = part.strip();
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }
}
