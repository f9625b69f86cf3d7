package io.glassbox.workshop.nodes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The nodes' bus over PostgreSQL's LISTEN/NOTIFY, on the database the nodes share anyway: no broker to run.
 * One connection of its own (not the pool's: a broken one must never go back to the pool) listens, on a thread
 * that waits in the driver for notifications; a notification is {@code <sender> <event>}, and a node ignores its
 * own (it acted before it told).
 *
 * <p>Telling runs {@code pg_notify} on the caller's executor, so a request never waits for the database twice;
 * PostgreSQL delivers notifications of one sender in the order they were sent. A listening connection that
 * breaks (the database restarted) is opened again after a second, and said once in the log: what was told
 * meanwhile is lost, and the dashboards catch up at their next load (NOTIFY keeps nothing for the absent).
 */
public final class PostgresNodeBus implements NodeBus {

    private static final Logger LOG = Logger.getLogger(PostgresNodeBus.class);

    /** The channel every node of an installation listens on (one database, one installation). */
    static final String CHANNEL = "glassbox_nodes";
    /** How long the listening thread waits in the driver before it looks whether it is to stop. */
    private static final int WAIT_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    /** Opens the listening connection: a plain one to the same database, outside the pool. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final DataSource dataSource;
    private final Connector connector;
    private final ExecutorService teller;
    /** This process: a restarted node is another sender, so nothing it told before is taken as its own. */
    private final String self = UUID.randomUUID().toString();
    private final Thread listener;
    private volatile Consumer<NodeEvent> handler = event -> { };
    private volatile boolean closed;
    private volatile boolean listening;

    /** Starts listening on a connection from {@code connector}; tells through {@code dataSource}, on {@code teller}. */
    public PostgresNodeBus(DataSource dataSource, Connector connector, ExecutorService teller) {
        this.dataSource = dataSource;
        this.connector = connector;
        this.teller = teller;
        this.listener = new Thread(this::listen, "glassbox-node-bus");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void tell(NodeEvent event) {
        if (closed) {
            return; // shutting down: this node's own lab hosts ending are nobody else's business
        }
        String payload = self + " " + event.encode();
        try {
            teller.execute(() -> notifyOthers(payload));
        } catch (RejectedExecutionException e) {
            LOG.debugf("not telling the other nodes %s: shutting down", event);
        }
    }

    private void notifyOthers(String payload) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, payload);
            notify.execute();
            if (!connection.getAutoCommit()) {
                connection.commit(); // NOTIFY is delivered at commit
            }
        } catch (SQLException e) {
            LOG.warnf("could not tell the other nodes \"%s\" (%s): their dashboards and lab hosts miss it until"
                    + " their pages reload", payload.substring(self.length() + 1), e.getMessage());
        }
    }

    @Override
    public void listen(Consumer<NodeEvent> handler) {
        this.handler = handler;
    }

    /** True while a connection listens: what a test waits for before it tells. */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        boolean saidLost = false;
        while (!closed) {
            try (Connection connection = connector.connect(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                listening = true;
                if (saidLost) {
                    LOG.infof("listening to the other nodes again");
                    saidLost = false;
                }
                while (!closed) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            heard(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    return;
                }
                if (!saidLost) {
                    LOG.warnf("lost the other nodes' news (%s): dashboards here miss what happens on other nodes until"
                            + " the database answers again; retrying every second", e.getMessage());
                    saidLost = true;
                }
                sleep(RETRY_MILLIS);
            }
        }
        listening = false;
    }

    private void heard(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(self)) {
            return;
        }
        NodeEvent.decode(payload.substring(space + 1)).ifPresentOrElse(event -> {
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not act on another node's %s", event);
            }
        }, () -> LOG.debugf("ignored a message on %s that is no node event: %s", CHANNEL, payload));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        try {
            listener.join(2 * WAIT_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
