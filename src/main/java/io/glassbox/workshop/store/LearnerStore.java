package io.glassbox.workshop.store;

import io.glassbox.workshop.model.Learner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Learners of workshops: who they are, their key's hash, and where they work now. */
public final class LearnerStore {

    private static final String COLUMNS = "id, workshop_id, name, joined_at, last_seen_at, lesson_id, stage_id,"
            + " stage_entered_at";

    private final Database db;

    public LearnerStore(Database db) {
        this.db = db;
    }

    /** Adds {@code learner}; a {@link StoreException#isConstraintViolation()} when the name is taken. */
    public void insert(Learner learner, String secretHash) {
        db.update("INSERT INTO learners (id, workshop_id, name, name_key, secret_hash, joined_at, last_seen_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", learner.id(), learner.workshopId(), learner.name(),
                nameKey(learner.name()), secretHash, learner.joined(), learner.lastSeen());
    }

    public boolean nameTaken(String workshopId, String name) {
        return db.one("SELECT COUNT(*) FROM learners WHERE workshop_id = ? AND name_key = ?", row -> row.getLong(1),
                workshopId, nameKey(name)).orElse(0L) > 0;
    }

    public Optional<Learner> byId(String id) {
        return db.one("SELECT " + COLUMNS + " FROM learners WHERE id = ?", LearnerStore::learner, id);
    }

    public Optional<String> secretHash(String id) {
        return db.one("SELECT secret_hash FROM learners WHERE id = ?", row -> row.getString(1), id);
    }

    public List<Learner> inWorkshop(String workshopId) {
        return db.list("SELECT " + COLUMNS + " FROM learners WHERE workshop_id = ? ORDER BY joined_at, name",
                LearnerStore::learner, workshopId);
    }

    public void seen(String id, Instant at) {
        db.update("UPDATE learners SET last_seen_at = ? WHERE id = ?", at, id);
    }

    /**
     * Puts the learner on {@code lesson}/{@code stage}, seen at {@code at}; the time on the stage starts over only
     * if it changed. (Every right-hand side reads the row as it was, on H2 and PostgreSQL alike.)
     */
    public void moveTo(String id, String lesson, String stage, Instant at) {
        db.update("UPDATE learners SET stage_entered_at = CASE WHEN lesson_id = ? AND stage_id = ?"
                + " THEN stage_entered_at ELSE ? END, lesson_id = ?, stage_id = ?, last_seen_at = ? WHERE id = ?",
                lesson, stage, at, lesson, stage, at, id);
    }

    /** Names compare without case or surrounding space, so "Ada" cannot join twice as "ada ". */
    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static Learner learner(ResultSet row) throws SQLException {
        return new Learner(row.getString("id"), row.getString("workshop_id"), row.getString("name"),
                Database.instant(row, "joined_at"), Database.instant(row, "last_seen_at"), row.getString("lesson_id"),
                row.getString("stage_id"), Database.instant(row, "stage_entered_at"));
    }
}
