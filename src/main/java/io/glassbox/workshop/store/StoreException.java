package io.glassbox.workshop.store;

import java.sql.SQLException;

/** The database failed or refused a statement; carries the SQL state so callers can tell a duplicate key. */
public final class StoreException extends RuntimeException {

    /** SQLSTATE class 23: integrity constraint violation (a duplicate name or code), on H2 and PostgreSQL alike. */
    private static final String INTEGRITY = "23";

    public StoreException(SQLException cause) {
        super("database: " + cause.getMessage() + " (SQLSTATE " + cause.getSQLState() + ")", cause);
    }

    public boolean isConstraintViolation() {
        String state = ((SQLException) getCause()).getSQLState();
        return state != null && state.startsWith(INTEGRITY);
    }
}
