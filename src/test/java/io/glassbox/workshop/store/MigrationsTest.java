package io.glassbox.workshop.store;

import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.LabHost;
import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.store.TestDatabases.Kind;
import io.glassbox.workshop.store.TestDatabases.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Flyway migrations, with the plain Flyway API as the server runs them: on an empty database, again over a
 * migrated one that holds data (a restart), and a later version's migration (the test-only
 * db/test-migration/V3__probe.sql) over a database of the current version with data in every table.
 */
class MigrationsTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    /** The current version: V1 (workshops) and V2 (lab_hosts). */
    private static final String CURRENT = "2";
    private static final String PROBE = "classpath:db/test-migration";
    private static final Set<String> TABLES = Set.of("staff", "staff_sessions", "workshops", "workshop_staff",
            "learners", "stage_passes", "learner_events", "lab_hosts");
    private static final List<String> DUMPED = List.of("staff", "staff_sessions", "workshops", "workshop_staff",
            "learners", "stage_passes", "learner_events", "lab_hosts");

    @OnEveryDatabase
    void anEmptyDatabaseGetsEveryTableAtTheCurrentVersion(Kind kind) throws SQLException {
        TestDatabase db = databases.fresh(kind);
        assertThat(tables(db)).isEmpty();

        MigrateResult result = db.migrate(TestDatabases.MIGRATIONS);

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(2);
        assertThat(result.initialSchemaVersion).isNull();
        assertThat(result.targetSchemaVersion).isEqualTo(CURRENT);
        assertThat(db.flyway(TestDatabases.MIGRATIONS).info().current().getVersion().getVersion()).isEqualTo(CURRENT);
        assertThat(tables(db)).containsExactlyInAnyOrderElementsOf(withHistory(TABLES));
        for (String table : TABLES) {
            assertThat(count(db, table)).as(table).isZero();
        }
        // The stores run on it at once.
        TestRows.Stores stores = TestRows.Stores.on(db.database());
        assertThat(stores.staff().anyInstructor()).isFalse();
        StaffMember owner = TestRows.staff(stores.staff(), Role.INSTRUCTOR);
        assertThat(stores.staff().byId(owner.id())).contains(owner);
    }

    @OnEveryDatabase
    void migratingAgainAppliesNothingAndKeepsEveryRow(Kind kind) throws SQLException {
        TestDatabase db = databases.fresh(kind);
        db.migrate(TestDatabases.MIGRATIONS);
        Classroom classroom = Classroom.fill(db.database());
        Map<String, List<Map<String, String>>> before = dump(db);

        MigrateResult again = db.migrate(TestDatabases.MIGRATIONS);

        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.initialSchemaVersion).isEqualTo(CURRENT);
        assertThat(dump(db)).isEqualTo(before);
        classroom.assertIntact(db.database());
    }

    /** A server restart: every connection closed (H2's file shut down), the database opened and migrated again. */
    @OnServerDatabases
    void aRestartedServerFindsItsRowsAndMigratesNothing(Kind kind) throws SQLException {
        TestDatabase db = databases.fresh(kind);
        db.migrate(TestDatabases.MIGRATIONS);
        Classroom classroom = Classroom.fill(db.database());
        Map<String, List<Map<String, String>>> before = dump(db);

        db.reopen();
        MigrateResult again = db.migrate(TestDatabases.MIGRATIONS);

        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.initialSchemaVersion).isEqualTo(CURRENT);
        assertThat(dump(db)).isEqualTo(before);
        classroom.assertIntact(db.database());
    }

    @OnEveryDatabase
    void aLaterMigrationUpgradesACurrentDatabaseAndKeepsItsRows(Kind kind) throws SQLException {
        TestDatabase db = databases.fresh(kind);
        db.migrate(TestDatabases.MIGRATIONS);
        Classroom classroom = Classroom.fill(db.database());
        Map<String, List<Map<String, String>>> before = dump(db);
        assertThat(db.flyway(TestDatabases.MIGRATIONS, PROBE).info().pending()).extracting(m -> m.getVersion().getVersion())
                .containsExactly("3");

        MigrateResult upgrade = db.migrate(TestDatabases.MIGRATIONS, PROBE);

        assertThat(upgrade.success).isTrue();
        assertThat(upgrade.migrationsExecuted).isEqualTo(1);
        assertThat(upgrade.initialSchemaVersion).isEqualTo(CURRENT);
        assertThat(upgrade.targetSchemaVersion).isEqualTo("3");
        Flyway flyway = db.flyway(TestDatabases.MIGRATIONS, PROBE);
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("3");
        assertThat(flyway.info().applied()).extracting(MigrationInfo::getState)
                .containsOnly(MigrationState.SUCCESS);
        Set<String> probeTables = new TreeSet<>(TABLES);
        probeTables.add("probe_badges");
        assertThat(tables(db)).containsExactlyInAnyOrderElementsOf(withHistory(probeTables));

        // Every column of every row is as it was; the rows that were there got the new column's default.
        assertThat(project(dump(db), before)).isEqualTo(before);
        classroom.assertIntact(db.database());
        assertThat(db.database().list("SELECT probe_note FROM learners", row -> row.getString(1)))
                .hasSize(2).containsOnly("from-v3");
        // The new table works with the old rows, and the stores with the new columns ("SELECT w.*").
        db.database().update("INSERT INTO probe_badges (learner_id, badge) VALUES (?, ?)", classroom.ada.id(), "first");
        assertThat(count(db, "probe_badges")).isEqualTo(1);
        assertThat(new WorkshopStore(db.database()).byId(classroom.workshop.id())).contains(classroom.workshop);
        Learner newcomer = TestRows.learner(new LearnerStore(db.database()), classroom.workshop, "Newcomer");
        assertThat(new LearnerStore(db.database()).byId(newcomer.id())).contains(newcomer);

        // And a restart after the upgrade applies nothing more.
        assertThat(db.migrate(TestDatabases.MIGRATIONS, PROBE).migrationsExecuted).isZero();
    }

    /** One of everything, made through the stores, and what they must read back. */
    private record Classroom(StaffMember owner, StaffMember assistant, Workshop workshop, Learner ada, Learner bob,
            String sessionId) {

        static Classroom fill(Database db) {
            TestRows.Stores s = TestRows.Stores.on(db);
            StaffMember owner = TestRows.staff(s.staff(), Role.INSTRUCTOR);
            StaffMember assistant = TestRows.staff(s.staff(), Role.ASSISTANT);
            String sessionId = TestRows.id();
            s.staff().insertSession(sessionId, owner.id(), "secret-hash", T0.plus(Duration.ofDays(1)));
            Workshop workshop = TestRows.workshop(s.workshops(), owner, List.of("01-welcome", "02-uts-namespace"));
            s.workshops().addStaff(workshop.id(), assistant.id());
            s.workshops().announce(workshop.id(), "Break until 11:00", T0.plusSeconds(60));
            Learner ada = TestRows.learner(s.learners(), workshop, "Ada");
            Learner bob = TestRows.learner(s.learners(), workshop, "Bob");
            s.learners().moveTo(ada.id(), "01-welcome", "s1", T0.plusSeconds(1));
            s.progress().record(TestRows.check(ada, "01-welcome", "s1", "manual", true, T0.plusSeconds(2)), true,
                    new ProgressStore.Move("01-welcome", "s2"));
            s.progress().event(TestRows.event(bob, LearnerEvent.Kind.HINT, "01-welcome", "s1", T0.plusSeconds(3)));
            new LabHostStore(db).put(List.of(LAB_HOST.apply(ada)));
            return new Classroom(owner, assistant, s.workshops().byId(workshop.id()).orElseThrow(), ada, bob, sessionId);
        }

        void assertIntact(Database db) {
            TestRows.Stores s = TestRows.Stores.on(db);
            assertThat(s.staff().byId(owner.id())).contains(owner);
            assertThat(s.staff().byUsername(assistant.username())).contains(assistant);
            assertThat(s.staff().session(sessionId, T0)).contains(new StaffStore.SessionRow(owner.id(), "secret-hash"));
            Workshop stored = s.workshops().byId(workshop.id()).orElseThrow();
            assertThat(stored).isEqualTo(workshop);
            assertThat(stored.lessons()).containsExactly("01-welcome", "02-uts-namespace");
            assertThat(stored.announcement()).isEqualTo("Break until 11:00");
            assertThat(s.workshops().staffNames(workshop.id())).containsExactly(assistant.username());
            assertThat(s.learners().inWorkshop(workshop.id())).extracting(Learner::name).containsExactly("Ada", "Bob");
            Learner adaNow = s.learners().byId(ada.id()).orElseThrow();
            assertThat(adaNow.stageId()).isEqualTo("s2");
            assertThat(adaNow.stageEntered()).isEqualTo(T0.plusSeconds(2));
            assertThat(s.progress().passes(ada.id())).extracting(p -> p.key()).containsExactly("01-welcome/s1");
            assertThat(s.progress().events(bob.id())).extracting(LearnerEvent::kind).containsExactly(LearnerEvent.Kind.HINT);
            assertThat(new LabHostStore(db).of(ada.id(), T0)).contains(LAB_HOST.apply(ada));
        }
    }

    private static final java.util.function.Function<Learner, LabHost> LAB_HOST = learner -> new LabHost(learner.id(),
            "s-1-glassbox-0", "glassbox-0", "running", "/api/sessions/s-1-glassbox-0/terminals/1?token=w", T0, T0);

    private static Set<String> withHistory(Set<String> tables) {
        Set<String> all = new TreeSet<>(tables);
        all.add("flyway_schema_history");
        return all;
    }

    /** The base tables of the public schema, lower case (H2 answers PUBLIC and upper case names). */
    private static Set<String> tables(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE LOWER(table_schema) = 'public' AND table_type = 'BASE TABLE'")) {
            Set<String> names = new TreeSet<>();
            while (rows.next()) {
                names.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }

    private static long count(TestDatabase db, String table) {
        return db.database().one("SELECT COUNT(*) FROM " + table, row -> row.getLong(1)).orElseThrow();
    }

    /** Every row of every table of the current version, each as column name to value text, in a stable order. */
    private static Map<String, List<Map<String, String>>> dump(TestDatabase db) throws SQLException {
        Map<String, List<Map<String, String>>> dump = new LinkedHashMap<>();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : DUMPED) {
                List<Map<String, String>> rows = new ArrayList<>();
                try (ResultSet results = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    ResultSetMetaData meta = results.getMetaData();
                    while (results.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), String.valueOf(results.getObject(i)));
                        }
                        rows.add(row);
                    }
                }
                assertThat(rows).as("rows of " + table).isNotEmpty();
                dump.put(table, rows);
            }
        }
        return dump;
    }

    /** {@code after} cut down to the columns {@code before} had (a later migration adds some). */
    private static Map<String, List<Map<String, String>>> project(Map<String, List<Map<String, String>>> after,
            Map<String, List<Map<String, String>>> before) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        after.forEach((table, rows) -> {
            Set<String> columns = before.get(table).get(0).keySet();
            out.put(table, rows.stream().map(row -> {
                Map<String, String> kept = new LinkedHashMap<>(row);
                kept.keySet().retainAll(columns);
                return kept;
            }).toList());
        });
        return out;
    }
}
