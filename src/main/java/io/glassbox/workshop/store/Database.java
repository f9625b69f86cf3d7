package io.glassbox.workshop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC over the configured database (H2 or PostgreSQL), with no ORM: the stores' SQL is all there is.
 * Every call runs in one transaction, so a server killed in the middle leaves either all of a change or none.
 */
public final class Database {

    /** A unit of work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** SQLSTATE of a duplicate key, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        return transaction(connection -> list(connection, sql, row, parameters));
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        List<T> all = list(sql, row, parameters);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public int update(String sql, Object... parameters) {
        return transaction(connection -> update(connection, sql, parameters));
    }

    static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet results = statement.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (results.next()) {
                out.add(row.map(results));
            }
            return out;
        }
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Runs an INSERT that may meet a duplicate key, and answers whether it inserted. Checking first does not
     * suffice: two transactions may both find no row and both insert, and the second then fails on the key. Its
     * error is undone back to a savepoint, as PostgreSQL refuses every later statement of a failed transaction.
     */
    static boolean insertUnlessDuplicate(Connection connection, String sql, Object... parameters) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            update(connection, sql, parameters);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
            return false;
        }
        connection.releaseSavepoint(savepoint);
        return true;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }

    /** A TIMESTAMP WITH TIME ZONE column as an Instant (null stays null), the same on H2 and PostgreSQL. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The product name of the database, for the start-up log and the host report. */
    public String describe() {
        return transaction(connection -> connection.getMetaData().getDatabaseProductName() + " "
                + connection.getMetaData().getDatabaseProductVersion());
    }
}
