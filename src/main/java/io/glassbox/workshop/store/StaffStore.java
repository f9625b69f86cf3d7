package io.glassbox.workshop.store;

import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Staff accounts and their signed-in sessions (only hashes of the session secrets are stored). */
public final class StaffStore {

    private static final String COLUMNS = "id, username, role, created_at";

    private final Database db;

    public StaffStore(Database db) {
        this.db = db;
    }

    public void insert(StaffMember member, String passwordHash) {
        db.update("INSERT INTO staff (id, username, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                member.id(), member.username(), member.role().wireName(), passwordHash, member.created());
    }

    public boolean anyInstructor() {
        return db.one("SELECT COUNT(*) FROM staff WHERE role = 'instructor'", row -> row.getLong(1)).orElse(0L) > 0;
    }

    public Optional<StaffMember> byId(String id) {
        return db.one("SELECT " + COLUMNS + " FROM staff WHERE id = ?", StaffStore::member, id);
    }

    public Optional<StaffMember> byUsername(String username) {
        return db.one("SELECT " + COLUMNS + " FROM staff WHERE username = ?", StaffStore::member, username);
    }

    /** The bcrypt hash of {@code username}'s password, if the account exists. */
    public Optional<String> passwordHash(String username) {
        return db.one("SELECT password_hash FROM staff WHERE username = ?", row -> row.getString(1), username);
    }

    public List<StaffMember> all() {
        return db.list("SELECT " + COLUMNS + " FROM staff ORDER BY username", StaffStore::member);
    }

    public void insertSession(String id, String staffId, String secretHash, Instant expires) {
        db.update("INSERT INTO staff_sessions (id, staff_id, secret_hash, expires_at) VALUES (?, ?, ?, ?)",
                id, staffId, secretHash, expires);
    }

    /** The secret hash and owner of an unexpired session. */
    public Optional<SessionRow> session(String id, Instant now) {
        return db.one("SELECT staff_id, secret_hash FROM staff_sessions WHERE id = ? AND expires_at > ?",
                row -> new SessionRow(row.getString(1), row.getString(2)), id, now);
    }

    public void deleteSession(String id) {
        db.update("DELETE FROM staff_sessions WHERE id = ?", id);
    }

    public int deleteExpiredSessions(Instant now) {
        return db.update("DELETE FROM staff_sessions WHERE expires_at <= ?", now);
    }

    /** A stored staff session: whose it is and the hash its secret must match. */
    public record SessionRow(String staffId, String secretHash) {
    }

    private static StaffMember member(ResultSet row) throws SQLException {
        return new StaffMember(row.getString("id"), row.getString("username"),
                Role.parse(row.getString("role")).orElseThrow(), Database.instant(row, "created_at"));
    }
}
