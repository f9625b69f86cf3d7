package io.glassbox.workshop.store;

import io.glassbox.workshop.model.LabHost;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Learners' running lab hosts, one row each, written by the node that runs them (V2__lab_hosts.sql). */
public final class LabHostStore {

    private static final String COLUMNS = "h.learner_id, h.session_id, h.node, h.state, h.watch_url, h.last_active_at,"
            + " h.seen_at";

    private final Database db;

    public LabHostStore(Database db) {
        this.db = db;
    }

    /**
     * Writes these rows, each replacing the learner's earlier one, in one transaction. A row of a learner who is
     * no more (their workshop was just deleted) is left out rather than failing the others.
     */
    public void put(Collection<LabHost> hosts) {
        if (hosts.isEmpty()) {
            return;
        }
        db.transaction(connection -> {
            for (LabHost host : hosts) {
                Database.update(connection, "DELETE FROM lab_hosts WHERE learner_id = ?", host.learnerId());
                Database.update(connection, "INSERT INTO lab_hosts (learner_id, session_id, node, state, watch_url,"
                        + " last_active_at, seen_at) SELECT id, ?, ?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE),"
                        + " CAST(? AS TIMESTAMP WITH TIME ZONE) FROM learners WHERE id = ?", host.sessionId(), host.node(),
                        host.state(), host.watchUrl(), host.lastActive(), host.seen(), host.learnerId());
            }
            return null;
        });
    }

    /** Deletes the learner's row if it still names {@code sessionId} (a newer lab host's row stays). */
    public void remove(String learnerId, String sessionId) {
        db.update("DELETE FROM lab_hosts WHERE learner_id = ? AND session_id = ?", learnerId, sessionId);
    }

    /** Deletes every row of {@code node}: at its start, its lab hosts of before are gone. */
    public int removeNode(String node) {
        return db.update("DELETE FROM lab_hosts WHERE node = ?", node);
    }

    /** The workshop's lab hosts whose node vouched for them at {@code seenSince} or later, by learner id. */
    public Map<String, LabHost> inWorkshop(String workshopId, Instant seenSince) {
        return db.list("SELECT " + COLUMNS + " FROM lab_hosts h JOIN learners l ON l.id = h.learner_id"
                + " WHERE l.workshop_id = ? AND h.seen_at >= ?", LabHostStore::labHost, workshopId, seenSince)
                .stream().collect(Collectors.toMap(LabHost::learnerId, Function.identity()));
    }

    /** The learner's lab host, if its node vouched for it at {@code seenSince} or later. */
    public Optional<LabHost> of(String learnerId, Instant seenSince) {
        return db.one("SELECT " + COLUMNS + " FROM lab_hosts h WHERE h.learner_id = ? AND h.seen_at >= ?",
                LabHostStore::labHost, learnerId, seenSince);
    }

    private static LabHost labHost(ResultSet row) throws SQLException {
        return new LabHost(row.getString("learner_id"), row.getString("session_id"), row.getString("node"),
                row.getString("state"), row.getString("watch_url"), Database.instant(row, "last_active_at"),
                Database.instant(row, "seen_at"));
    }
}
