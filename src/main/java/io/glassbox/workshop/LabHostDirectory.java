package io.glassbox.workshop;

import io.glassbox.session.Session;
import io.glassbox.session.SessionRegistry;
import io.glassbox.workshop.model.LabHost;
import io.glassbox.workshop.store.LabHostStore;
import io.glassbox.workshop.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which node runs which learner's lab host, kept in the shared database so a dashboard on any node shows every
 * learner's lab host and its watch link (docs/scaling.md). This node writes the rows of its own learners' lab
 * hosts as they start and end, and vouches for them every {@link #HEARTBEAT}; a row not vouched for within
 * {@link #STALE_AFTER} is a lost node's and is not shown.
 */
public final class LabHostDirectory {

    private static final Logger LOG = Logger.getLogger(LabHostDirectory.class);

    /** How often this node vouches for its lab hosts (their state and last activity go with it). */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** Four missed heartbeats: the node is gone (its lab hosts died with it, or a restart swept them). */
    static final Duration STALE_AFTER = HEARTBEAT.multipliedBy(4);

    private final LabHostStore store;
    private final SessionRegistry sessions;
    private final String node;
    private final Clock clock;

    /** {@code node}: this node's name; its rows of an earlier run are deleted now (that run's lab hosts are gone). */
    public LabHostDirectory(LabHostStore store, SessionRegistry sessions, String node, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.node = node;
        this.clock = clock;
        int swept = store.removeNode(node);
        if (swept > 0) {
            LOG.infof("forgot %d lab hosts this node ran before it restarted", swept);
        }
        sessions.onEnd(this::ended);
    }

    /** A learner's lab host started here. */
    void started(Session session) {
        row(session, clock.instant()).ifPresent(host -> write(() -> store.put(List.of(host))));
    }

    private void ended(Session session) {
        session.owner().ifPresent(learner -> write(() -> store.remove(learner, session.id())));
    }

    /** Vouches for every learner's lab host running here, with its state and last activity now. */
    public void heartbeat() {
        Instant now = clock.instant();
        write(() -> store.put(sessions.running().stream().map(s -> row(s, now)).flatMap(Optional::stream).toList()));
    }

    /** The lab hosts of the workshop's learners on every node, as their nodes last vouched for them. */
    Map<String, LabHost> inWorkshop(String workshopId) {
        return store.inWorkshop(workshopId, clock.instant().minus(STALE_AFTER));
    }

    Optional<LabHost> of(String learnerId) {
        return store.of(learnerId, clock.instant().minus(STALE_AFTER));
    }

    private Optional<LabHost> row(Session session, Instant now) {
        return session.owner().map(learner -> new LabHost(learner, session.id(), node,
                session.state().name().toLowerCase(Locale.ROOT), session.watchUrl(1), session.lastActive(), now));
    }

    /** The directory is for dashboards: a database hiccup costs a row until the next heartbeat, never a lab host. */
    private void write(Runnable change) {
        try {
            change.run();
        } catch (StoreException e) {
            LOG.warnf("could not update the lab hosts table (%s): other nodes' dashboards show this node's lab hosts"
                    + " again at the next heartbeat", e.getMessage());
        }
    }
}
