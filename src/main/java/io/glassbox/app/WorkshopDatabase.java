package io.glassbox.app;

import io.agroal.api.AgroalDataSource;
import io.glassbox.host.StartupFailure;
import io.glassbox.workshop.nodes.NodeBus;
import io.glassbox.workshop.nodes.PostgresNodeBus;
import io.glassbox.workshop.store.Database;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Picks the workshops' database and migrates it: PostgreSQL when {@code glassbox.database.url} is set, else
 * the embedded H2 file in the data dir. Flyway applies src/main/resources/db/migration at every start, each
 * migration in a transaction, so an empty database and one from an older version both end up current.
 */
@ApplicationScoped
public class WorkshopDatabase {

    private static final Logger LOG = Logger.getLogger(WorkshopDatabase.class);

    private final GlassboxConfig config;
    private final InjectableInstance<AgroalDataSource> h2;
    private final InjectableInstance<AgroalDataSource> postgresql;
    private final InjectableInstance<Flyway> h2Flyway;
    private final InjectableInstance<Flyway> postgresqlFlyway;

    public WorkshopDatabase(GlassboxConfig config,
            @io.quarkus.agroal.DataSource("h2") InjectableInstance<AgroalDataSource> h2,
            @io.quarkus.agroal.DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql,
            @FlywayDataSource("h2") InjectableInstance<Flyway> h2Flyway,
            @FlywayDataSource("postgresql") InjectableInstance<Flyway> postgresqlFlyway) {
        this.config = config;
        this.h2 = h2;
        this.postgresql = postgresql;
        this.h2Flyway = h2Flyway;
        this.postgresqlFlyway = postgresqlFlyway;
    }

    /** Migrates the configured database and answers it; fails start-up with the reason if it cannot. */
    public Database open() {
        boolean usePostgresql = usePostgresql();
        String name = usePostgresql ? "PostgreSQL at " + config.database().url().get() : "embedded H2 in "
                + config.dataDir().resolve("db");
        try {
            Flyway flyway = usePostgresql ? postgresqlFlyway.get() : h2Flyway.get();
            int applied = flyway.migrate().migrationsExecuted;
            Database db = new Database(usePostgresql ? postgresql.get() : h2.get());
            LOG.infof("workshop database: %s (%s), %d migrations applied now, schema version %s", name, db.describe(),
                    applied, flyway.info().current() == null ? "?" : flyway.info().current().getVersion());
            return db;
        } catch (RuntimeException e) {
            // Temporary: a PostgreSQL server may still be starting, so the service is restarted rather than given up.
            throw StartupFailure.temporary("the workshop database (" + name + ") cannot be used: " + rootMessage(e),
                    fix(usePostgresql, e), e);
        }
    }

    /**
     * How this node hears the others and tells them: LISTEN/NOTIFY on PostgreSQL, the database nodes share;
     * nobody to tell on the embedded H2, which only one node can use. Tells run on {@code teller}.
     */
    public NodeBus nodeBus(ExecutorService teller) {
        if (!usePostgresql()) {
            return NodeBus.ALONE;
        }
        Properties login = new Properties();
        config.database().username().ifPresent(user -> login.setProperty("user", user));
        config.database().password().ifPresent(password -> login.setProperty("password", password));
        String url = config.database().url().orElseThrow();
        return new PostgresNodeBus(postgresql.get(), () -> new org.postgresql.Driver().connect(url, login), teller);
    }

    private boolean usePostgresql() {
        return config.database().url().filter(url -> !url.isBlank()).isPresent();
    }

    /** What to do about a failure to open the database: the pool's own wait first, it says the most. */
    static String fix(boolean usePostgresql, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Acquisition timeout")) {
                String datasource = usePostgresql ? "postgresql" : "h2";
                return "the machine was too slow to hand out a database connection in time: raise the wait, e.g."
                        + " QUARKUS_DATASOURCE_" + datasource.toUpperCase() + "_JDBC_ACQUISITION_TIMEOUT=180S in"
                        + " /etc/glassbox/glassbox.env (-Dquarkus.datasource." + datasource
                        + ".jdbc.acquisition-timeout=180S for a jar started by hand)";
            }
        }
        return usePostgresql ? "check glassbox.database.url, username and password, and that the server accepts"
                + " connections" : "check that the data dir is writable and no other Glassbox server uses it";
    }

    /**
     * The first message in the chain that fits on one line: Flyway's own wraps the driver's in a banner of
     * dashes, SQL state and error code; the driver's ("Connection to 127.0.0.1:5432 refused. Check that the
     * hostname and port are correct ...") says it, and its cause's ("Connection refused") says less.
     */
    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !message.strip().contains("\n")) {
                return message.strip();
            }
        }
        return String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(e.getClass().getSimpleName());
    }
}
