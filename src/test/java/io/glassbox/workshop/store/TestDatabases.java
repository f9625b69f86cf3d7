package io.glassbox.workshop.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.glassbox.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real databases for the workshop store tests, no mocks: embedded H2 in memory, embedded H2 in file mode (what
 * production uses: the same URL options, in a temp dir) and PostgreSQL (a throwaway server from
 * {@link PostgresServer}). Register it on a test class as a static {@code @RegisterExtension} field: each kind's
 * {@link #database(Kind) shared database} is created and migrated on first use, once per test class, and
 * everything it opened is closed and deleted after the class. Test cases share that database, so they make their
 * own rows with random ids; a case that needs an empty database (no instructor yet, a migration) takes a
 * {@link #fresh(Kind) fresh} one.
 *
 * <p>Connections come from an Agroal pool, the pool Quarkus gives production, so connections are reused across
 * transactions as they are in the server.
 */
public final class TestDatabases implements AfterAllCallback {

    /** The databases every store case runs on. */
    public enum Kind {
        H2_MEMORY, H2_FILE, POSTGRESQL
    }

    /** Where the migrations live, as the server's Flyway reads them. */
    public static final String MIGRATIONS = "classpath:db/migration";

    private final Map<Kind, TestDatabase> shared = new EnumMap<>(Kind.class);
    private final List<TestDatabase> opened = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    /** The test class's migrated database of {@code kind}, made on first use. */
    public synchronized TestDatabase shared(Kind kind) {
        return shared.computeIfAbsent(kind, k -> {
            TestDatabase db = fresh(k);
            db.migrate(MIGRATIONS);
            return db;
        });
    }

    /** Shorthand: the shared database of {@code kind}, as the stores use it. */
    public Database database(Kind kind) {
        return shared(kind).database();
    }

    /** A new migrated database of {@code kind} with no rows, for a case that needs to be alone in it. */
    public Database newDatabase(Kind kind) {
        TestDatabase db = fresh(kind);
        db.migrate(MIGRATIONS);
        return db.database();
    }

    /** A new, empty database of {@code kind} (no tables, not migrated), closed after the class. */
    public synchronized TestDatabase fresh(Kind kind) {
        TestDatabase db = switch (kind) {
            case H2_MEMORY -> new TestDatabase(kind, "jdbc:h2:mem:glassbox_" + unique() + ";DB_CLOSE_DELAY=-1", "sa", "");
            case H2_FILE -> new TestDatabase(kind, "jdbc:h2:file:" + tempDir().resolve("db/glassbox")
                    + ";WRITE_DELAY=0", "sa", "");
            case POSTGRESQL -> {
                PostgresServer server = PostgresServer.shared();
                yield new TestDatabase(kind, server.jdbcUrl(server.createDatabase()), server.username(), server.password());
            }
        };
        opened.add(db);
        return db;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        RuntimeException failure = null;
        for (TestDatabase db : opened) {
            try {
                db.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        opened.clear();
        shared.clear();
        for (Path dir : dirs) {
            deleteTree(dir);
        }
        dirs.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs Flyway as the server does (the plain API: no Quarkus), over {@code locations}. */
    public static MigrateResult migrate(DataSource dataSource, String... locations) {
        return flyway(dataSource, locations).migrate();
    }

    public static Flyway flyway(DataSource dataSource, String... locations) {
        return Flyway.configure().dataSource(dataSource).locations(locations).load();
    }

    private Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("glassbox-h2-test-");
            dirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** One database: its pool, reopened on demand (a server restart), closed with the test class. */
    public static final class TestDatabase {

        private final Kind kind;
        private final String url;
        private final String user;
        private final String password;
        private AgroalDataSource pool;
        private Database database;

        private TestDatabase(Kind kind, String url, String user, String password) {
            this.kind = kind;
            this.url = url;
            this.user = user;
            this.password = password;
            open();
        }

        public Kind kind() {
            return kind;
        }

        public String url() {
            return url;
        }

        /** A connection of its own, outside the pool, closed by the caller. */
        public Connection connect() throws SQLException {
            return java.sql.DriverManager.getConnection(url, user, password);
        }

        public synchronized DataSource dataSource() {
            return pool;
        }

        public synchronized Database database() {
            return database;
        }

        public MigrateResult migrate(String... locations) {
            return TestDatabases.migrate(dataSource(), locations);
        }

        public Flyway flyway(String... locations) {
            return TestDatabases.flyway(dataSource(), locations);
        }

        /**
         * Closes every connection and opens the database again, as a restarted server does. An embedded H2 database
         * is shut down in between, so an in-memory one comes back empty and a file one from its file.
         */
        public synchronized TestDatabase reopen() {
            close();
            open();
            return this;
        }

        private void open() {
            pool = pool(url, user, password);
            database = new Database(pool);
        }

        synchronized void close() {
            if (pool == null) {
                return;
            }
            try {
                if (kind != Kind.POSTGRESQL) {
                    // DB_CLOSE_DELAY=-1 keeps an in-memory database until SHUTDOWN; a file one closes and is flushed.
                    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                        statement.execute("SHUTDOWN");
                    } catch (SQLException e) {
                        throw new IllegalStateException("SHUTDOWN of " + url + ": " + e, e);
                    }
                }
            } finally {
                pool.close();
                pool = null;
                database = null;
            }
        }

        private static AgroalDataSource pool(String url, String user, String password) {
            try {
                return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(pool -> pool.maxSize(16)
                                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                        .principal(new NamePrincipal(user)).credential(new SimplePassword(password)))));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open a pool on " + url + ": " + e, e);
            }
        }

        @Override
        public String toString() {
            return kind + " " + url;
        }
    }
}
