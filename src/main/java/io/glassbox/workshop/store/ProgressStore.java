package io.glassbox.workshop.store;

import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.StagePass;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What learners did and passed. A check that passes a stage is stored with the pass and the move to the next
 * stage in one transaction: after a crash the learner is either still before the stage or past it, never
 * between.
 */
public final class ProgressStore {

    private static final String EVENT_COLUMNS = "id, learner_id, lesson_id, stage_id, kind, trigger_kind, passed,"
            + " detail, happened_at";

    private final Database db;

    public ProgressStore(Database db) {
        this.db = db;
    }

    /** Where the learner goes after an event: a stage to move to, or none. */
    public record Move(String lessonId, String stageId) {
    }

    /**
     * Stores {@code event}; if {@code passedStage}, also the pass of the event's stage; then moves the learner to
     * {@code next} (null: stays).
     */
    public void record(LearnerEvent event, boolean passedStage, Move next) {
        db.transaction(connection -> {
            insertEvent(connection, event);
            if (passedStage) {
                passOnce(connection, new StagePass(event.learnerId(), event.lessonId(), event.stageId(), event.at(), false));
            }
            if (next != null) {
                Database.update(connection, "UPDATE learners SET lesson_id = ?, stage_id = ?, stage_entered_at = ?,"
                        + " last_seen_at = ? WHERE id = ?", next.lessonId(), next.stageId(), event.at(), event.at(),
                        event.learnerId());
            } else {
                Database.update(connection, "UPDATE learners SET last_seen_at = ? WHERE id = ?", event.at(),
                        event.learnerId());
            }
            return null;
        });
    }

    /**
     * Staff moved the learner to {@code lesson}/{@code stage}: the stages before it in {@code earlier} count as
     * skipped where not passed; passes at or after it are forgotten, so the lab host is rebuilt to that point.
     */
    public void fastForward(String learnerId, String lesson, List<String> earlier, List<String> laterOrSame, Instant at) {
        db.transaction(connection -> {
            for (String stage : earlier) {
                passOnce(connection, new StagePass(learnerId, lesson, stage, at, true));
            }
            for (String stage : laterOrSame) {
                Database.update(connection, "DELETE FROM stage_passes WHERE learner_id = ? AND lesson_id = ?"
                        + " AND stage_id = ?", learnerId, lesson, stage);
            }
            String current = laterOrSame.get(0);
            insertEvent(connection, new LearnerEvent(0, learnerId, lesson, current, LearnerEvent.Kind.FAST_FORWARD,
                    "manual", null, null, at));
            Database.update(connection, "UPDATE learners SET lesson_id = ?, stage_id = ?, stage_entered_at = ?"
                    + " WHERE id = ?", lesson, current, at, learnerId);
            return null;
        });
    }

    public void event(LearnerEvent event) {
        db.transaction(connection -> {
            insertEvent(connection, event);
            Database.update(connection, "UPDATE learners SET last_seen_at = ? WHERE id = ?", event.at(), event.learnerId());
            return null;
        });
    }

    public List<StagePass> passes(String learnerId) {
        return db.list("SELECT * FROM stage_passes WHERE learner_id = ? ORDER BY passed_at", ProgressStore::pass,
                learnerId);
    }

    /** Every pass of every learner of the workshop. */
    public List<StagePass> passesInWorkshop(String workshopId) {
        return db.list("SELECT p.* FROM stage_passes p JOIN learners l ON l.id = p.learner_id WHERE l.workshop_id = ?"
                + " ORDER BY p.passed_at", ProgressStore::pass, workshopId);
    }

    public List<LearnerEvent> events(String learnerId) {
        return db.list("SELECT " + EVENT_COLUMNS + " FROM learner_events WHERE learner_id = ? ORDER BY id",
                ProgressStore::event, learnerId);
    }

    /**
     * Counts for the roster, per learner of the workshop (or of just {@code learnerId} when not null): checks,
     * hints, Show me, manual checks failed in a row on the current stage, and the last check.
     */
    public Map<String, LearnerStats> stats(String workshopId, String learnerId) {
        String scope = learnerId == null ? "l.workshop_id = ?" : "l.id = ?";
        Object key = learnerId == null ? workshopId : learnerId;
        return db.transaction(connection -> {
            Map<String, LearnerStats> stats = new HashMap<>();
            Database.list(connection, "SELECT e.learner_id, e.kind, COUNT(*) FROM learner_events e"
                    + " JOIN learners l ON l.id = e.learner_id WHERE " + scope + " GROUP BY e.learner_id, e.kind",
                    row -> {
                        LearnerStats s = stats.computeIfAbsent(row.getString(1), id -> new LearnerStats());
                        switch (LearnerEvent.Kind.parse(row.getString(2))) {
                            case CHECK -> s.checks = row.getInt(3);
                            case HINT -> s.hints = row.getInt(3);
                            case SHOW_ME -> s.showMe = row.getInt(3);
                            case FAST_FORWARD -> { }
                        }
                        return null;
                    }, key);
            // A manual Check that failed on the stage the learner is on; automatic checks run after every command
            // and fail as a matter of course while the learner works, so they do not count towards "stuck".
            Database.list(connection, "SELECT e.learner_id, COUNT(*) FROM learner_events e"
                    + " JOIN learners l ON l.id = e.learner_id WHERE " + scope + " AND e.kind = 'check'"
                    + " AND e.trigger_kind = 'manual' AND e.passed = FALSE AND e.lesson_id = l.lesson_id"
                    + " AND e.stage_id = l.stage_id AND e.happened_at >= l.stage_entered_at GROUP BY e.learner_id",
                    row -> stats.computeIfAbsent(row.getString(1), id -> new LearnerStats()).failedInARow = row.getInt(2),
                    key);
            Database.list(connection, "SELECT " + EVENT_COLUMNS + " FROM learner_events WHERE id IN"
                    + " (SELECT MAX(e.id) FROM learner_events e JOIN learners l ON l.id = e.learner_id WHERE " + scope
                    + " AND e.kind = 'check' GROUP BY e.learner_id)", row -> {
                        LearnerEvent event = event(row);
                        stats.computeIfAbsent(event.learnerId(), id -> new LearnerStats()).lastCheck = event;
                        return null;
                    }, key);
            return stats;
        });
    }

    /** A learner's counts for the roster (mutable while it is assembled). */
    public static final class LearnerStats {
        public int checks;
        public int hints;
        public int showMe;
        public int failedInARow;
        public LearnerEvent lastCheck;
    }

    private static void insertEvent(Connection connection, LearnerEvent e) throws SQLException {
        Database.update(connection, "INSERT INTO learner_events (learner_id, lesson_id, stage_id, kind, trigger_kind,"
                + " passed, detail, happened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", e.learnerId(), e.lessonId(),
                e.stageId(), e.kind().wireName(), e.trigger(), e.passed(), e.detail(), e.at());
    }

    /** Stores the pass unless the stage passed before (the last stage of a done lesson passes again and again). */
    private static void passOnce(Connection connection, StagePass pass) throws SQLException {
        if (!Database.list(connection, "SELECT 1 FROM stage_passes WHERE learner_id = ? AND lesson_id = ?"
                + " AND stage_id = ?", row -> 1, pass.learnerId(), pass.lessonId(), pass.stageId()).isEmpty()) {
            return;
        }
        // A check racing this one (the automatic one after a command and the Check button) may store it first.
        Database.insertUnlessDuplicate(connection, "INSERT INTO stage_passes (learner_id, lesson_id, stage_id,"
                + " passed_at, skipped) VALUES (?, ?, ?, ?, ?)", pass.learnerId(), pass.lessonId(), pass.stageId(),
                pass.passedAt(), pass.skipped());
    }

    private static StagePass pass(ResultSet row) throws SQLException {
        return new StagePass(row.getString("learner_id"), row.getString("lesson_id"), row.getString("stage_id"),
                Database.instant(row, "passed_at"), row.getBoolean("skipped"));
    }

    private static LearnerEvent event(ResultSet row) throws SQLException {
        Object passed = row.getObject("passed");
        return new LearnerEvent(row.getLong("id"), row.getString("learner_id"), row.getString("lesson_id"),
                row.getString("stage_id"), LearnerEvent.Kind.parse(row.getString("kind")), row.getString("trigger_kind"),
                passed == null ? null : row.getBoolean("passed"), row.getString("detail"),
                Database.instant(row, "happened_at"));
    }
}
