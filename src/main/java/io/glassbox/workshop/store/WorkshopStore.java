package io.glassbox.workshop.store;

import io.glassbox.workshop.model.Workshop;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Workshops and who may see them: the owner, and staff added to them. */
public final class WorkshopStore {

    private static final String SELECT = "SELECT w.*, s.username AS owner_name FROM workshops w"
            + " JOIN staff s ON s.id = w.owner_id";

    private final Database db;

    public WorkshopStore(Database db) {
        this.db = db;
    }

    public void insert(Workshop w) {
        db.update("INSERT INTO workshops (id, code, title, owner_id, lessons, language, starts_at, ends_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", w.id(), w.code(), w.title(), w.ownerId(),
                String.join(",", w.lessons()), w.language(), w.startsAt(), w.endsAt(), w.created());
    }

    public Optional<Workshop> byId(String id) {
        return db.one(SELECT + " WHERE w.id = ?", WorkshopStore::workshop, id);
    }

    public Optional<Workshop> byCode(String code) {
        return db.one(SELECT + " WHERE w.code = ?", WorkshopStore::workshop, code);
    }

    /** The workshops {@code staffId} owns or was added to, newest first. */
    public List<Workshop> visibleTo(String staffId) {
        return db.list(SELECT + " WHERE w.owner_id = ? OR w.id IN (SELECT workshop_id FROM workshop_staff"
                + " WHERE staff_id = ?) ORDER BY w.created_at DESC", WorkshopStore::workshop, staffId, staffId);
    }

    public boolean isStaff(String workshopId, String staffId) {
        return db.one("SELECT COUNT(*) FROM workshop_staff WHERE workshop_id = ? AND staff_id = ?",
                row -> row.getLong(1), workshopId, staffId).orElse(0L) > 0;
    }

    public List<String> staffNames(String workshopId) {
        return db.list("SELECT s.username FROM workshop_staff ws JOIN staff s ON s.id = ws.staff_id"
                + " WHERE ws.workshop_id = ? ORDER BY s.username", row -> row.getString(1), workshopId);
    }

    public void addStaff(String workshopId, String staffId) {
        db.transaction(connection -> {
            if (Database.list(connection, "SELECT 1 FROM workshop_staff WHERE workshop_id = ? AND staff_id = ?",
                    row -> 1, workshopId, staffId).isEmpty()) {
                Database.insertUnlessDuplicate(connection, "INSERT INTO workshop_staff (workshop_id, staff_id)"
                        + " VALUES (?, ?)", workshopId, staffId); // another request may add them at the same moment
            }
            return null;
        });
    }

    public void end(String id, Instant at) {
        db.update("UPDATE workshops SET ended_at = ? WHERE id = ? AND ended_at IS NULL", at, id);
    }

    public void announce(String id, String message, Instant at) {
        db.update("UPDATE workshops SET announcement = ?, announced_at = ? WHERE id = ?", message, at, id);
    }

    public void delete(String id) {
        db.update("DELETE FROM workshops WHERE id = ?", id);
    }

    public int learnerCount(String workshopId) {
        return db.one("SELECT COUNT(*) FROM learners WHERE workshop_id = ?", row -> row.getInt(1), workshopId).orElse(0);
    }

    private static Workshop workshop(ResultSet row) throws SQLException {
        String lessons = row.getString("lessons");
        return new Workshop(row.getString("id"), row.getString("code"), row.getString("title"),
                row.getString("owner_id"), row.getString("owner_name"),
                lessons.isEmpty() ? List.of() : Arrays.asList(lessons.split(",")), row.getString("language"),
                Database.instant(row, "starts_at"), Database.instant(row, "ends_at"), Database.instant(row, "ended_at"),
                row.getString("announcement"), Database.instant(row, "announced_at"), Database.instant(row, "created_at"));
    }
}
