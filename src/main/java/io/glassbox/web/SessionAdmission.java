package io.glassbox.web;

import io.glassbox.app.Engine;
import io.glassbox.app.GlassboxConfig;
import io.glassbox.session.Admission;
import io.glassbox.session.Session;
import io.glassbox.session.SessionState;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The web side of {@link Admission}: which client a request to start a session comes from. A workshop learner
 * is their learner id (known only after their key was checked); anyone else is their address, read from the
 * connection itself, so neither a header nor Quarkus's proxy settings can change it unless the peer is a
 * configured trusted proxy ({@link ClientAddress}). Built at start-up, so a bad trusted-proxies value stops the
 * server with its reason instead of failing the first request.
 */
@Startup
@ApplicationScoped
public class SessionAdmission {

    private final Engine engine;
    private final ClientAddress addresses;

    public SessionAdmission(Engine engine, GlassboxConfig config) {
        this.engine = engine;
        this.addresses = ClientAddress.trusting(config.admission().trustedProxies().orElse(List.of()));
    }

    /** Admits an anonymous start from {@code request}'s client, or throws the refusal. */
    Admission.Ticket anonymous(HttpServerRequest request) {
        SocketAddress peer = request.connection().remoteAddress();
        String host = peer == null ? null : peer.hostAddress();
        String key = addresses.key(host == null ? String.valueOf(peer) : host,
                request.headers().getAll("X-Forwarded-For"));
        return engine.admission().admit(new Admission.Anonymous(key));
    }

    /**
     * Admits a start of {@code learnerId}'s lab host for {@code lesson}; null when the learner's running lab host
     * for that lesson is only taken over (a reload, a second device): that creates nothing and is never refused.
     */
    Admission.Ticket learner(String learnerId, String lesson) {
        boolean takeover = engine.sessions().ownedBy(learnerId).filter(s -> s.state() == SessionState.RUNNING
                && s.lesson().orElse("").equals(lesson)).isPresent();
        return takeover ? null : engine.admission().admit(new Admission.Learner(learnerId));
    }

    /** Settles {@code ticket}: bound to {@code session} when one was created, else given back. */
    static void settle(Admission.Ticket ticket, Session session, boolean created) {
        if (ticket == null) {
            return;
        }
        if (created) {
            ticket.bind(session);
        } else {
            ticket.cancel();
        }
    }
}
