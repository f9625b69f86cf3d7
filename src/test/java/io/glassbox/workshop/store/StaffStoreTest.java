package io.glassbox.workshop.store;

import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.store.TestDatabases.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Staff accounts and their sessions, on every database. */
class StaffStoreTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    @OnEveryDatabase
    void anAccountReadsBackByIdAndUsernameWithItsPasswordHash(Kind kind) {
        StaffStore store = new StaffStore(databases.database(kind));
        StaffMember alice = new StaffMember(TestRows.id(), TestRows.username("alice"), Role.INSTRUCTOR,
                Instant.parse("2026-12-04T08:00:00.654321Z"));

        store.insert(alice, "$2a$10$alice-hash");

        assertThat(store.byId(alice.id())).contains(alice);
        assertThat(store.byUsername(alice.username())).contains(alice);
        assertThat(store.passwordHash(alice.username())).contains("$2a$10$alice-hash");
        assertThat(store.all()).contains(alice);
        assertThat(store.byUsername("nobody-" + TestRows.id())).isEmpty();
        assertThat(store.passwordHash("nobody-" + TestRows.id())).isEmpty();
        assertThat(store.byId(TestRows.id())).isEmpty();
    }

    @OnEveryDatabase
    void allAccountsComeInUsernameOrder(Kind kind) {
        StaffStore store = new StaffStore(databases.newDatabase(kind));
        StaffMember zed = new StaffMember(TestRows.id(), "zed", Role.ASSISTANT, T0);
        StaffMember amy = new StaffMember(TestRows.id(), "amy", Role.INSTRUCTOR, T0);
        StaffMember max = new StaffMember(TestRows.id(), "max", Role.ASSISTANT, T0);
        store.insert(zed, "h");
        store.insert(amy, "h");
        store.insert(max, "h");

        assertThat(store.all()).containsExactly(amy, max, zed);
    }

    @OnEveryDatabase
    void anyInstructorCountsInstructorsOnly(Kind kind) {
        StaffStore store = new StaffStore(databases.newDatabase(kind));
        assertThat(store.anyInstructor()).isFalse();

        TestRows.staff(store, Role.ASSISTANT);
        assertThat(store.anyInstructor()).isFalse();

        TestRows.staff(store, Role.INSTRUCTOR);
        assertThat(store.anyInstructor()).isTrue();
    }

    @OnEveryDatabase
    void aTakenUsernameIsAConstraintViolationAndChangesNothing(Kind kind) {
        StaffStore store = new StaffStore(databases.database(kind));
        StaffMember first = TestRows.staff(store, Role.INSTRUCTOR);
        StaffMember twin = new StaffMember(TestRows.id(), first.username(), Role.ASSISTANT, T0.plusSeconds(5));

        StoreException e = catchThrowableOfType(StoreException.class, () -> store.insert(twin, "other-hash"));

        assertThat(e.isConstraintViolation()).as(e.getMessage()).isTrue();
        assertThat(e.getMessage()).contains("SQLSTATE 23");
        assertThat(store.byUsername(first.username())).contains(first);
        assertThat(store.byId(twin.id())).isEmpty();
        assertThat(store.passwordHash(first.username())).hasValueSatisfying(h -> assertThat(h).doesNotContain("other"));
    }

    @OnEveryDatabase
    void theSchemaRefusesAnUnknownRoleAndASessionOfNoOne(Kind kind) {
        Database db = databases.database(kind);
        StoreException role = catchThrowableOfType(StoreException.class, () -> db.update("INSERT INTO staff"
                + " (id, username, role, password_hash, created_at) VALUES (?, ?, 'admin', 'h', ?)", TestRows.id(),
                TestRows.username("root"), T0));
        assertThat(role.isConstraintViolation()).as(role.getMessage()).isTrue();

        StoreException orphan = catchThrowableOfType(StoreException.class,
                () -> new StaffStore(db).insertSession(TestRows.id(), TestRows.id(), "hash", T0));
        assertThat(orphan.isConstraintViolation()).as(orphan.getMessage()).isTrue();
    }

    @OnEveryDatabase
    void aSessionIsFoundUntilItExpiresOrIsDeleted(Kind kind) {
        StaffStore store = new StaffStore(databases.database(kind));
        StaffMember bob = TestRows.staff(store, Role.ASSISTANT);
        String id = TestRows.id();
        Instant expires = T0.plus(Duration.ofHours(12));

        store.insertSession(id, bob.id(), "bob-secret-hash", expires);

        StaffStore.SessionRow row = new StaffStore.SessionRow(bob.id(), "bob-secret-hash");
        assertThat(store.session(id, T0)).contains(row);
        assertThat(store.session(id, expires.minusNanos(1000))).contains(row);
        assertThat(store.session(id, expires)).as("at its expiry").isEmpty();
        assertThat(store.session(id, expires.plusSeconds(1))).isEmpty();
        assertThat(store.session(TestRows.id(), T0)).isEmpty();

        store.deleteSession(id);
        assertThat(store.session(id, T0)).isEmpty();
    }

    @OnEveryDatabase
    void purgingDeletesExpiredSessionsOnly(Kind kind) {
        StaffStore store = new StaffStore(databases.newDatabase(kind));
        StaffMember carol = TestRows.staff(store, Role.INSTRUCTOR);
        Instant now = T0.plus(Duration.ofDays(2));
        store.insertSession("expired-long-ago", carol.id(), "h1", T0);
        store.insertSession("expires-now", carol.id(), "h2", now);
        store.insertSession("still-valid", carol.id(), "h3", now.plusNanos(1000));

        assertThat(store.deleteExpiredSessions(now)).isEqualTo(2);

        assertThat(store.session("still-valid", now)).isPresent();
        assertThat(store.session("expires-now", T0)).as("deleted, not just expired").isEmpty();
        assertThat(store.session("expired-long-ago", T0.minusSeconds(1))).isEmpty();
        assertThat(store.deleteExpiredSessions(now)).isZero();
    }
}
