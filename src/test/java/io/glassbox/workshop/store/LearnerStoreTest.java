package io.glassbox.workshop.store;

import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.store.TestDatabases.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Learners: their rows, names unique per workshop whatever the case and spaces, and where they work. */
class LearnerStoreTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    @OnEveryDatabase
    void aLearnerReadsBackWithTheirSecretHashAndInJoinOrder(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        Workshop workshop = workshop(s);
        Learner zoe = new Learner(TestRows.id(), workshop.id(), "Zoë 张", T0, T0, null, null, null);
        Learner bob = new Learner(TestRows.id(), workshop.id(), "Bob", T0.plusSeconds(1), T0.plusSeconds(1), null, null,
                null);
        Learner amy = new Learner(TestRows.id(), workshop.id(), "Amy", T0.plusSeconds(1), T0.plusSeconds(1), null, null,
                null);

        s.learners().insert(zoe, "zoe-hash");
        s.learners().insert(bob, "bob-hash");
        s.learners().insert(amy, "amy-hash");

        assertThat(s.learners().byId(zoe.id())).contains(zoe);
        assertThat(s.learners().secretHash(zoe.id())).contains("zoe-hash");
        assertThat(s.learners().byId(TestRows.id())).isEmpty();
        assertThat(s.learners().secretHash(TestRows.id())).isEmpty();
        assertThat(s.learners().inWorkshop(workshop.id())).as("by join time, then name").containsExactly(zoe, amy, bob);
        assertThat(s.workshops().learnerCount(workshop.id())).isEqualTo(3);
    }

    @OnEveryDatabase
    void aNameIsTakenWhateverItsCaseAndSurroundingSpaceInItsWorkshopOnly(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        Workshop workshop = workshop(s);
        Workshop other = workshop(s);
        Learner ada = TestRows.learner(s.learners(), workshop, "Ada");

        assertThat(s.learners().nameTaken(workshop.id(), "Ada")).isTrue();
        assertThat(s.learners().nameTaken(workshop.id(), " aDA\t")).isTrue();
        assertThat(s.learners().nameTaken(workshop.id(), "Ada L.")).isFalse();
        assertThat(s.learners().nameTaken(other.id(), "Ada")).isFalse();

        Learner twin = new Learner(TestRows.id(), workshop.id(), " ada ", T0, T0, null, null, null);
        StoreException e = catchThrowableOfType(StoreException.class, () -> s.learners().insert(twin, "h"));
        assertThat(e.isConstraintViolation()).as(e.getMessage()).isTrue();
        assertThat(s.learners().inWorkshop(workshop.id())).containsExactly(ada);

        Learner elsewhere = TestRows.learner(s.learners(), other, "ADA");
        assertThat(s.learners().inWorkshop(other.id())).containsExactly(elsewhere);
    }

    /** Two learners press Join with the same name at the same moment: one gets it, the other a constraint error. */
    @OnEveryDatabase
    void twoThreadsInsertingTheSameNameAtOnceGetOneRow(Kind kind) throws Exception {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Workshop workshop = workshop(s);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Learner>> joins = new ArrayList<>();
                for (String name : List.of("Grace", " grace ")) {
                    joins.add(pool.submit(() -> {
                        Learner learner = new Learner(TestRows.id(), workshop.id(), name, T0, T0, null, null, null);
                        start.await();
                        s.learners().insert(learner, "h");
                        return learner;
                    }));
                }
                List<Learner> joined = new ArrayList<>();
                List<StoreException> refused = new ArrayList<>();
                for (Future<Learner> join : joins) {
                    try {
                        joined.add(join.get());
                    } catch (ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(StoreException.class);
                        refused.add((StoreException) e.getCause());
                    }
                }
                assertThat(joined).hasSize(1);
                assertThat(refused).hasSize(1);
                assertThat(refused.get(0).isConstraintViolation()).as(refused.get(0).getMessage()).isTrue();
                assertThat(s.learners().inWorkshop(workshop.id())).containsExactlyElementsOf(joined);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @OnEveryDatabase
    void beingSeenMovesLastSeenOnly(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        Learner ada = TestRows.learner(s.learners(), workshop(s), "Ada");

        s.learners().seen(ada.id(), T0.plusSeconds(90));

        Learner stored = s.learners().byId(ada.id()).orElseThrow();
        assertThat(stored.lastSeen()).isEqualTo(T0.plusSeconds(90));
        assertThat(stored.joined()).isEqualTo(T0);
        assertThat(stored.stageEntered()).isNull();
    }

    @OnEveryDatabase
    void movingToTheSameStageKeepsTheTimeItWasEntered(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        Learner ada = TestRows.learner(s.learners(), workshop(s), "Ada");
        Instant first = T0.plusSeconds(10);

        s.learners().moveTo(ada.id(), "02-uts-namespace", "set-hostname", first);
        assertThat(s.learners().byId(ada.id())).hasValueSatisfying(l -> {
            assertThat(l.lessonId()).isEqualTo("02-uts-namespace");
            assertThat(l.stageId()).isEqualTo("set-hostname");
            assertThat(l.stageEntered()).isEqualTo(first);
            assertThat(l.lastSeen()).isEqualTo(first);
        });

        // A new lab host on the same stage (a reload, another device): the clock on the stage keeps running.
        s.learners().moveTo(ada.id(), "02-uts-namespace", "set-hostname", T0.plusSeconds(300));
        assertThat(s.learners().byId(ada.id())).hasValueSatisfying(l -> {
            assertThat(l.stageId()).isEqualTo("set-hostname");
            assertThat(l.stageEntered()).isEqualTo(first);
            assertThat(l.lastSeen()).as("the learner was there").isEqualTo(T0.plusSeconds(300));
        });

        // Another stage, or the same stage id in another lesson, starts the clock over.
        s.learners().moveTo(ada.id(), "02-uts-namespace", "verify", T0.plusSeconds(400));
        assertThat(s.learners().byId(ada.id()).orElseThrow().stageEntered()).isEqualTo(T0.plusSeconds(400));
        s.learners().moveTo(ada.id(), "03-pid-namespace", "verify", T0.plusSeconds(500));
        assertThat(s.learners().byId(ada.id())).hasValueSatisfying(l -> {
            assertThat(l.lessonId()).isEqualTo("03-pid-namespace");
            assertThat(l.stageEntered()).isEqualTo(T0.plusSeconds(500));
        });
    }

    private static Workshop workshop(TestRows.Stores s) {
        return TestRows.workshop(s.workshops(), TestRows.staff(s.staff(), Role.INSTRUCTOR), List.of("01-welcome"));
    }
}
