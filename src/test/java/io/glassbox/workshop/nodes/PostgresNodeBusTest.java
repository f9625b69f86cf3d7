package io.glassbox.workshop.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.workshop.store.TestDatabases;
import io.glassbox.workshop.store.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes' buses on one real PostgreSQL database (a throwaway server), as two Glassbox nodes use it. */
class PostgresNodeBusTest {

    @RegisterExtension
    static final TestDatabases DATABASES = new TestDatabases();

    private static final long WAIT_SECONDS = 20;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final ExecutorService tellers = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        tellers.shutdownNow();
    }

    private record Node(PostgresNodeBus bus, BlockingQueue<NodeEvent> heard) {
    }

    private Node node(TestDatabase db) throws InterruptedException {
        PostgresNodeBus bus = new PostgresNodeBus(db.dataSource(), db::connect, tellers);
        opened.add(bus);
        BlockingQueue<NodeEvent> heard = new LinkedBlockingQueue<>();
        bus.listen(heard::add);
        awaitListening(bus);
        return new Node(bus, heard);
    }

    private static void awaitListening(PostgresNodeBus bus) throws InterruptedException {
        for (int i = 0; i < WAIT_SECONDS * 20 && !bus.listening(); i++) {
            Thread.sleep(50);
        }
        assertThat(bus.listening()).as("the bus listens").isTrue();
    }

    @Test
    void whatOneNodeTellsReachesTheOthersButNotItself() throws Exception {
        TestDatabase db = DATABASES.fresh(TestDatabases.Kind.POSTGRESQL);
        Node a = node(db);
        Node b = node(db);
        Node c = node(db);
        NodeEvent announced = NodeEvent.aboutWorkshop(NodeEvent.Kind.ANNOUNCED, "w-1");
        a.bus().tell(announced);
        assertThat(b.heard().poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(announced);
        assertThat(c.heard().poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(announced);

        // PostgreSQL delivers in commit order: once a hears b's answer, its own event would have come before it.
        NodeEvent reset = NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_RESET, "w-1", "l-7");
        b.bus().tell(reset);
        assertThat(a.heard().poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("a hears b, never itself").isEqualTo(reset);
        assertThat(c.heard().poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(reset);
        assertThat(a.heard()).isEmpty();
        assertThat(b.heard()).isEmpty();
    }

    @Test
    void aStrangersMessageOnTheChannelIsSkipped() throws Exception {
        TestDatabase db = DATABASES.fresh(TestDatabases.Kind.POSTGRESQL);
        Node a = node(db);
        notifyRaw(db, "someone hello world");
        notifyRaw(db, "garbage");
        notifyRaw(db, "other-node ENDED w-2 ");
        assertThat(a.heard().poll(WAIT_SECONDS, TimeUnit.SECONDS))
                .isEqualTo(NodeEvent.aboutWorkshop(NodeEvent.Kind.ENDED, "w-2"));
        assertThat(a.heard()).isEmpty();
    }

    @Test
    void aNodeWhoseListeningConnectionDiesHearsAgain() throws Exception {
        TestDatabase db = DATABASES.fresh(TestDatabases.Kind.POSTGRESQL);
        Node a = node(db);
        int killed = terminateListeners(db);
        assertThat(killed).as("listening backends terminated").isEqualTo(1);
        // What is told while nobody listens is lost (NOTIFY keeps nothing): tell until a hears again.
        NodeEvent changed = NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_CHANGED, "w-3", "l-1");
        NodeEvent heard = null;
        for (int i = 0; i < WAIT_SECONDS * 4 && heard == null; i++) {
            notifyRaw(db, "other-node " + changed.encode());
            heard = a.heard().poll(250, TimeUnit.MILLISECONDS);
        }
        assertThat(heard).as("heard after the listening connection was killed").isEqualTo(changed);
    }

    private static void notifyRaw(TestDatabase db, String payload) throws SQLException {
        try (Connection connection = db.connect();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, PostgresNodeBus.CHANNEL);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    private static int terminateListeners(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
