package io.glassbox.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a fresh database on the real PostgreSQL server of {@link PostgresServer}, the
 * way an installation is switched to PostgreSQL: through glassbox.database.url, username and password.
 */
public final class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer server = PostgresServer.shared();
        String database = server.createDatabase();
        return Map.of("glassbox.database.url", server.jdbcUrl(database), "glassbox.database.username",
                server.username(), "glassbox.database.password", server.password());
    }

    @Override
    public void stop() {
        // The server stops with the JVM (PostgresServer's shutdown hook); each run uses a database of its own.
    }
}
