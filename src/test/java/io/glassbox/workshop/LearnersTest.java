package io.glassbox.workshop;

import static io.glassbox.workshop.StaffAccountsTest.assertReason;
import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.testing.TestClock;
import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.store.OnServerDatabases;
import io.glassbox.workshop.store.TestDatabases.Kind;
import io.glassbox.workshop.store.TestDatabases;
import io.glassbox.workshop.store.TestRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Learners joining with a name and coming back with their key, over a real database. */
class LearnersTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    @OnServerDatabases
    void aLearnerJoinsWithATrimmedNameAndComesBackWithTheirKey(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop workshop = f.workshop(null, null);

        Learners.Signed joined = f.learners.join(" " + workshop.code().toLowerCase() + " ", "  Ada \t  Lovelace ");

        assertThat(joined.learner().name()).isEqualTo("Ada Lovelace");
        assertThat(joined.learner().workshopId()).isEqualTo(workshop.id());
        assertThat(joined.learner().joined()).isEqualTo(T0);
        assertThat(joined.workshop()).isEqualTo(workshop);
        assertThat(joined.key()).startsWith(joined.learner().id() + ".");
        assertThat(f.stores.learners().byId(joined.learner().id())).contains(joined.learner());
        assertThat(f.stores.learners().secretHash(joined.learner().id()))
                .hasValueSatisfying(hash -> assertThat(joined.key()).doesNotContain(hash));

        f.clock.advance(Duration.ofHours(1));
        Learners.Signed back = f.learners.authenticate(joined.key());
        assertThat(back.learner()).isEqualTo(joined.learner());
        assertThat(back.workshop()).isEqualTo(workshop);
        assertThat(back.key()).isNull();
        assertThat(f.learners.get(workshop, joined.learner().id())).isEqualTo(joined.learner());
    }

    @OnServerDatabases
    void aLearnerMayJoinBeforeTheStartTime(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop scheduled = f.workshop(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)));

        assertThat(f.learners.join(scheduled.code(), "Early Bird").learner().name()).isEqualTo("Early Bird");
    }

    @OnServerDatabases
    void anUnknownCodeIsNotFound(Kind kind) {
        Fixture f = new Fixture(kind);

        assertReason(() -> f.learners.join("ZZZZ-ZZZZ", "Ada"), WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertReason(() -> f.learners.join(null, "Ada"), WorkshopException.Reason.WORKSHOP_NOT_FOUND);
    }

    @OnServerDatabases
    void anEndedWorkshopRefusesJoinsAndKeys(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop byHand = f.workshop(null, null);
        Workshop timedOut = f.workshop(null, T0.plus(Duration.ofHours(2)));
        String handKey = f.learners.join(byHand.code(), "Ada").key();
        String timedKey = f.learners.join(timedOut.code(), "Ada").key();

        f.stores.workshops().end(byHand.id(), T0.plusSeconds(60));
        f.clock.advance(Duration.ofHours(2));

        WorkshopException ended = assertReason(() -> f.learners.join(byHand.code(), "Bob"),
                WorkshopException.Reason.WORKSHOP_ENDED);
        assertThat(ended.getMessage()).contains(byHand.title(), "2026-12-04T09:31:15.123456Z");
        assertThat(WorkshopException.Reason.WORKSHOP_ENDED.status()).isEqualTo(410);
        assertReason(() -> f.learners.authenticate(handKey), WorkshopException.Reason.WORKSHOP_ENDED);
        assertReason(() -> f.learners.join(timedOut.code(), "Bob"), WorkshopException.Reason.WORKSHOP_ENDED);
        assertReason(() -> f.learners.authenticate(timedKey), WorkshopException.Reason.WORKSHOP_ENDED);
        assertThat(f.stores.learners().inWorkshop(byHand.id())).extracting(Learner::name).containsExactly("Ada");
    }

    @OnServerDatabases
    void aWrongOrMalformedKeyIsUnknownAndNoKeyIsMissing(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop workshop = f.workshop(null, null);
        String key = f.learners.join(workshop.code(), "Ada").key();
        String id = key.substring(0, key.indexOf('.'));
        String otherSecret = f.learners.join(workshop.code(), "Bob").key();

        for (String bad : new String[] {id + ".wrong-secret", id + "." + otherSecret.substring(otherSecret.indexOf('.') + 1),
                TestRows.id() + key.substring(key.indexOf('.')), id, "no-dot-at-all", id + "."}) {
            assertReason(() -> f.learners.authenticate(bad), WorkshopException.Reason.LEARNER_KEY_UNKNOWN);
        }
        assertReason(() -> f.learners.authenticate(null), WorkshopException.Reason.LEARNER_KEY_MISSING);
        assertReason(() -> f.learners.authenticate("  "), WorkshopException.Reason.LEARNER_KEY_MISSING);
        // Deleting the workshop forgets the key.
        f.stores.workshops().delete(workshop.id());
        assertReason(() -> f.learners.authenticate(key), WorkshopException.Reason.LEARNER_KEY_UNKNOWN);
    }

    @OnServerDatabases
    void aNameIsTakenWhateverItsCaseAndSpacesAndANameMustBeSensible(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop workshop = f.workshop(null, null);
        f.learners.join(workshop.code(), "Ada Lovelace");

        assertReason(() -> f.learners.join(workshop.code(), " ada   LOVELACE "), WorkshopException.Reason.NAME_TAKEN);
        assertReason(() -> f.learners.join(workshop.code(), "   "), WorkshopException.Reason.INVALID);
        assertReason(() -> f.learners.join(workshop.code(), null), WorkshopException.Reason.INVALID);
        assertReason(() -> f.learners.join(workshop.code(), "x".repeat(41)), WorkshopException.Reason.INVALID);
        assertReason(() -> f.learners.join(workshop.code(), "Ada\u0000"), WorkshopException.Reason.INVALID);
        assertThat(f.learners.join(workshop.code(), "y".repeat(40)).learner().name()).hasSize(40);
        assertThat(f.stores.learners().inWorkshop(workshop.id())).hasSize(2);
    }

    /** Any 40 characters are a name: some letters grow when folded to lower case ("İ" is two chars in "i̇"). */
    @OnServerDatabases
    void aLongestNameJoinsWhateverItsLetters(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop workshop = f.workshop(null, null);
        String name = "İ".repeat(40);

        Learners.Signed joined = f.learners.join(workshop.code(), name);

        assertThat(joined.learner().name()).isEqualTo(name);
        assertReason(() -> f.learners.join(workshop.code(), " " + name + " "), WorkshopException.Reason.NAME_TAKEN);
        assertThat(f.learners.join(workshop.code(), "你".repeat(40)).learner().name()).hasSize(40);
    }

    /** Two people press Join with the same name at once: one joins, the other is told the name is taken. */
    @OnServerDatabases
    void twoJoinsWithOneNameAtOnceLetOneIn(Kind kind) throws Exception {
        Fixture f = new Fixture(kind);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Workshop workshop = f.workshop(null, null);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Learners.Signed>> joins = new ArrayList<>();
                for (String name : List.of("Grace Hopper", "grace  hopper")) {
                    joins.add(pool.submit(() -> {
                        start.await();
                        return f.learners.join(workshop.code(), name);
                    }));
                }
                int joined = 0;
                int taken = 0;
                for (Future<Learners.Signed> join : joins) {
                    try {
                        join.get();
                        joined++;
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(WorkshopException.class);
                        assertThat(((WorkshopException) e.getCause()).reason()).as(e.getCause().getMessage())
                                .isEqualTo(WorkshopException.Reason.NAME_TAKEN);
                        taken++;
                    }
                }
                assertThat(joined).isEqualTo(1);
                assertThat(taken).isEqualTo(1);
                assertThat(f.stores.learners().inWorkshop(workshop.id())).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @OnServerDatabases
    void aLearnerOfAnotherWorkshopIsNotFound(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop mine = f.workshop(null, null);
        Workshop theirs = f.workshop(null, null);
        Learner stranger = f.learners.join(theirs.code(), "Eve").learner();

        assertReason(() -> f.learners.get(mine, stranger.id()), WorkshopException.Reason.LEARNER_NOT_FOUND);
        assertReason(() -> f.learners.get(mine, TestRows.id()), WorkshopException.Reason.LEARNER_NOT_FOUND);
    }

    private static final class Fixture {
        final TestClock clock = new TestClock(T0);
        final TestRows.Stores stores;
        final Learners learners;
        final StaffMember owner;

        Fixture(Kind kind) {
            stores = TestRows.Stores.on(databases.database(kind));
            learners = new Learners(stores.learners(), stores.workshops(), clock);
            owner = TestRows.staff(stores.staff(), Role.INSTRUCTOR);
        }

        Workshop workshop(Instant startsAt, Instant endsAt) {
            Workshop workshop = new Workshop(TestRows.id(), Secrets.joinCode(), "Workshop " + TestRows.id().substring(0, 6),
                    owner.id(), owner.username(), List.of("01-welcome"), "en", startsAt, endsAt, null, null, null, T0);
            stores.workshops().insert(workshop);
            return workshop;
        }
    }
}
