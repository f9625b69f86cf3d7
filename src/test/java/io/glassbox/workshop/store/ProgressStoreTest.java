package io.glassbox.workshop.store;

import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.LearnerEvent.Kind;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StagePass;
import io.glassbox.workshop.model.Workshop;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checks, passes, moves, fast-forwards and the roster's counts, on every database. */
class ProgressStoreTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    private static final String LESSON = "02-uts-namespace";

    @OnEveryDatabase
    void aFailedManualCheckIsStoredWithoutAPassOrAMove(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Learner ada = learnerOn(s, "s1", T0.plusSeconds(1));
        LearnerEvent failed = new LearnerEvent(0, ada.id(), LESSON, "s1", Kind.CHECK, "manual", false,
                "[{\"id\":\"hostname\",\"expected\":\"lab\",\"observed\":\"glassbox\"}]", T0.plusSeconds(5));

        s.progress().record(failed, false, null);

        List<LearnerEvent> events = s.progress().events(ada.id());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).id()).isPositive();
        assertThat(events.get(0)).usingRecursiveComparison().ignoringFields("id").isEqualTo(failed);
        assertThat(s.progress().passes(ada.id())).isEmpty();
        Learner stored = s.learners().byId(ada.id()).orElseThrow();
        assertThat(stored.stageId()).isEqualTo("s1");
        assertThat(stored.stageEntered()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.lastSeen()).isEqualTo(T0.plusSeconds(5));
    }

    @OnEveryDatabase
    void aPassingCheckStoresThePassAndMovesTheLearnerOn(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Learner ada = learnerOn(s, "s1", T0.plusSeconds(1));
        Instant at = T0.plusSeconds(30);

        s.progress().record(TestRows.check(ada, LESSON, "s1", "auto", true, at), true, new ProgressStore.Move(LESSON, "s2"));

        assertThat(s.progress().passes(ada.id())).containsExactly(new StagePass(ada.id(), LESSON, "s1", at, false));
        Learner stored = s.learners().byId(ada.id()).orElseThrow();
        assertThat(stored.lessonId()).isEqualTo(LESSON);
        assertThat(stored.stageId()).isEqualTo("s2");
        assertThat(stored.stageEntered()).isEqualTo(at);
        assertThat(stored.lastSeen()).isEqualTo(at);
        assertThat(s.progress().events(ada.id())).extracting(LearnerEvent::passed, LearnerEvent::trigger)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "auto"));
    }

    /** The last stage of a finished lesson passes at every check: the first pass is the one kept. */
    @OnEveryDatabase
    void aPassRecordedTwiceIsStoredOnce(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Learner ada = learnerOn(s, "last", T0);

        s.progress().record(TestRows.check(ada, LESSON, "last", "manual", true, T0.plusSeconds(1)), true, null);
        s.progress().record(TestRows.check(ada, LESSON, "last", "auto", true, T0.plusSeconds(2)), true, null);

        assertThat(s.progress().passes(ada.id()))
                .containsExactly(new StagePass(ada.id(), LESSON, "last", T0.plusSeconds(1), false));
        assertThat(s.progress().events(ada.id())).hasSize(2);
        assertThat(s.learners().byId(ada.id()).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(2));
    }

    /**
     * The automatic check after a command and the learner's Check button pass the same stage at the same moment:
     * both are stored as checks, the pass once, and neither caller gets an error.
     */
    @OnEveryDatabase
    void twoPassesOfOneStageAtOnceAreBothStoredAsChecksAndOnceAsAPass(TestDatabases.Kind kind) throws Exception {
        TestRows.Stores s = stores(kind);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Learner learner = learnerOn(s, "s1", T0);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Void> auto = pool.submit(pass(s, start, learner, "auto", T0.plusSeconds(1)));
                Future<Void> manual = pool.submit(pass(s, start, learner, "manual", T0.plusSeconds(1)));
                auto.get();
                manual.get();
                assertThat(s.progress().passes(learner.id())).extracting(StagePass::key).containsExactly(LESSON + "/s1");
                assertThat(s.progress().events(learner.id())).extracting(LearnerEvent::trigger)
                        .containsExactlyInAnyOrder("auto", "manual");
                assertThat(s.learners().byId(learner.id()).orElseThrow().stageId()).isEqualTo("s2");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The check, the pass and the move are one transaction: when the move fails, none of them is stored. */
    @OnEveryDatabase
    void aPassWhoseMoveFailsLeavesNoCheckNoPassAndTheLearnerWhereTheyWere(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Learner ada = learnerOn(s, "s1", T0.plusSeconds(1));
        Learner before = s.learners().byId(ada.id()).orElseThrow();
        // stage_id is VARCHAR(64): the UPDATE of learners, the last statement, fails on both databases.
        ProgressStore.Move impossible = new ProgressStore.Move(LESSON, "s".repeat(65));

        StoreException e = catchThrowableOfType(StoreException.class, () -> s.progress()
                .record(TestRows.check(ada, LESSON, "s1", "manual", true, T0.plusSeconds(9)), true, impossible));

        assertThat(e.isConstraintViolation()).as(e.getMessage()).isFalse();
        assertThat(s.progress().events(ada.id())).isEmpty();
        assertThat(s.progress().passes(ada.id())).isEmpty();
        assertThat(s.learners().byId(ada.id())).contains(before);
        // The same connections serve the next call as usual.
        s.progress().record(TestRows.check(ada, LESSON, "s1", "manual", true, T0.plusSeconds(10)), true,
                new ProgressStore.Move(LESSON, "s2"));
        assertThat(s.progress().passes(ada.id())).hasSize(1);
    }

    @OnEveryDatabase
    void anEventOfNoLearnerIsRefused(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Learner ghost = new Learner(TestRows.id(), TestRows.id(), "Ghost", T0, T0, null, null, null);

        StoreException e = catchThrowableOfType(StoreException.class,
                () -> s.progress().event(TestRows.event(ghost, Kind.HINT, LESSON, "s1", T0)));

        assertThat(e.isConstraintViolation()).as(e.getMessage()).isTrue();
        assertThat(s.progress().events(ghost.id())).isEmpty();
    }

    @OnEveryDatabase
    void hintsShowMeAndFastForwardsAreStoredInOrderWithLastSeen(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Learner ada = learnerOn(s, "s1", T0);
        LearnerEvent hint = new LearnerEvent(0, ada.id(), LESSON, "s1", Kind.HINT, null, null, "2", T0.plusSeconds(1));
        LearnerEvent showMe = new LearnerEvent(0, ada.id(), LESSON, "s1", Kind.SHOW_ME, null, null, null,
                T0.plusSeconds(2));
        String longDetail = "x".repeat(16000);
        LearnerEvent check = new LearnerEvent(0, ada.id(), LESSON, "s1", Kind.CHECK, "manual", false, longDetail,
                T0.plusSeconds(3));

        s.progress().event(hint);
        s.progress().event(showMe);
        s.progress().record(check, false, null);

        List<LearnerEvent> events = s.progress().events(ada.id());
        assertThat(events).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                .containsExactly(hint, showMe, check);
        assertThat(events).extracting(LearnerEvent::id).isSorted().doesNotHaveDuplicates();
        assertThat(s.learners().byId(ada.id()).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(3));
    }

    @OnEveryDatabase
    void fastForwardSkipsEarlierStagesAndForgetsLaterPasses(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Learner ada = learnerOn(s, "s1", T0);
        // s1 passed, then s3 passed earlier (before a fast-forward back), and a pass in another lesson.
        s.progress().record(TestRows.check(ada, LESSON, "s1", "manual", true, T0.plusSeconds(1)), true,
                new ProgressStore.Move(LESSON, "s2"));
        s.progress().fastForward(ada.id(), LESSON, List.of("s1", "s2"), List.of("s3", "s4"), T0.plusSeconds(2));
        s.progress().record(TestRows.check(ada, LESSON, "s3", "manual", true, T0.plusSeconds(3)), true,
                new ProgressStore.Move(LESSON, "s4"));
        s.progress().record(TestRows.check(ada, "01-welcome", "only", "manual", true, T0.plusSeconds(4)), true, null);
        s.learners().moveTo(ada.id(), LESSON, "s4", T0.plusSeconds(5));
        Instant at = T0.plusSeconds(60);

        // Staff put Ada at the start of s2: s1 stays passed by her, s2 and later are to do again.
        s.progress().fastForward(ada.id(), LESSON, List.of("s1"), List.of("s2", "s3", "s4"), at);

        assertThat(s.progress().passes(ada.id())).containsExactlyInAnyOrder(
                new StagePass(ada.id(), LESSON, "s1", T0.plusSeconds(1), false),
                new StagePass(ada.id(), "01-welcome", "only", T0.plusSeconds(4), false));
        Learner stored = s.learners().byId(ada.id()).orElseThrow();
        assertThat(stored.lessonId()).isEqualTo(LESSON);
        assertThat(stored.stageId()).isEqualTo("s2");
        assertThat(stored.stageEntered()).isEqualTo(at);

        // Then forward to s4: s2 and s3 count as skipped, s1 keeps her own pass.
        Instant later = at.plusSeconds(60);
        s.progress().fastForward(ada.id(), LESSON, List.of("s1", "s2", "s3"), List.of("s4"), later);

        assertThat(s.progress().passes(ada.id())).containsExactlyInAnyOrder(
                new StagePass(ada.id(), LESSON, "s1", T0.plusSeconds(1), false),
                new StagePass(ada.id(), LESSON, "s2", later, true),
                new StagePass(ada.id(), LESSON, "s3", later, true),
                new StagePass(ada.id(), "01-welcome", "only", T0.plusSeconds(4), false));
        assertThat(s.learners().byId(ada.id()).orElseThrow().stageId()).isEqualTo("s4");
        assertThat(s.progress().events(ada.id())).filteredOn(e -> e.kind() == Kind.FAST_FORWARD)
                .extracting(LearnerEvent::stageId, LearnerEvent::trigger, LearnerEvent::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s3", "manual", T0.plusSeconds(2)),
                        org.assertj.core.groups.Tuple.tuple("s2", "manual", at),
                        org.assertj.core.groups.Tuple.tuple("s4", "manual", later));
    }

    @OnEveryDatabase
    void statsCountChecksHintsShowMeAndManualFailuresOnTheCurrentStageSinceItWasEntered(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Workshop workshop = workshop(s);
        Learner ada = TestRows.learner(s.learners(), workshop, "Ada");
        Learner bob = TestRows.learner(s.learners(), workshop, "Bob");
        Learner idle = TestRows.learner(s.learners(), workshop, "Idle");
        Learner stranger = TestRows.learner(s.learners(), workshop(s), "Stranger");

        s.learners().moveTo(ada.id(), LESSON, "s1", T0);
        // Before she was put back on s1 (entered again at T0+10): counted as checks, not as failures in a row.
        s.progress().record(TestRows.check(ada, LESSON, "s1", "manual", false, T0.plusSeconds(1)), false, null);
        s.progress().fastForward(ada.id(), LESSON, List.of(), List.of("s1", "s2"), T0.plusSeconds(10));
        // Since: two manual failures (one at the very moment of entering), an automatic one, a failure on another
        // stage and one in another lesson with the same stage id, a hint, Show me twice.
        s.progress().record(TestRows.check(ada, LESSON, "s1", "manual", false, T0.plusSeconds(10)), false, null);
        s.progress().record(TestRows.check(ada, LESSON, "s1", "manual", false, T0.plusSeconds(11)), false, null);
        s.progress().record(TestRows.check(ada, LESSON, "s2", "manual", false, T0.plusSeconds(12)), false, null);
        s.progress().record(TestRows.check(ada, "03-pid-namespace", "s1", "manual", false, T0.plusSeconds(13)), false,
                null);
        s.progress().event(TestRows.event(ada, Kind.HINT, LESSON, "s1", T0.plusSeconds(14)));
        s.progress().event(TestRows.event(ada, Kind.SHOW_ME, LESSON, "s1", T0.plusSeconds(15)));
        s.progress().event(TestRows.event(ada, Kind.SHOW_ME, LESSON, "s1", T0.plusSeconds(16)));
        LearnerEvent adaLast = TestRows.check(ada, LESSON, "s1", "auto", false, T0.plusSeconds(17));
        s.progress().record(adaLast, false, null);

        // Bob passed s1 after a failure: on s2 now, no failures there.
        s.learners().moveTo(bob.id(), LESSON, "s1", T0);
        s.progress().record(TestRows.check(bob, LESSON, "s1", "manual", false, T0.plusSeconds(1)), false, null);
        LearnerEvent bobLast = TestRows.check(bob, LESSON, "s1", "manual", true, T0.plusSeconds(2));
        s.progress().record(bobLast, true, new ProgressStore.Move(LESSON, "s2"));
        s.progress().event(TestRows.event(bob, Kind.HINT, LESSON, "s2", T0.plusSeconds(3)));
        s.progress().event(TestRows.event(stranger, Kind.HINT, LESSON, "s1", T0.plusSeconds(3)));

        Map<String, ProgressStore.LearnerStats> all = s.progress().stats(workshop.id(), null);

        assertThat(all).containsOnlyKeys(ada.id(), bob.id());
        ProgressStore.LearnerStats a = all.get(ada.id());
        assertThat(a.checks).isEqualTo(6);
        assertThat(a.hints).isEqualTo(1);
        assertThat(a.showMe).isEqualTo(2);
        assertThat(a.failedInARow).isEqualTo(2);
        assertThat(a.lastCheck).usingRecursiveComparison().ignoringFields("id").isEqualTo(adaLast);
        ProgressStore.LearnerStats b = all.get(bob.id());
        assertThat(b.checks).isEqualTo(2);
        assertThat(b.hints).isEqualTo(1);
        assertThat(b.showMe).isZero();
        assertThat(b.failedInARow).isZero();
        assertThat(b.lastCheck).usingRecursiveComparison().ignoringFields("id").isEqualTo(bobLast);
        assertThat(all).doesNotContainKey(idle.id());

        // One learner's stats are the same numbers, for that learner only.
        Map<String, ProgressStore.LearnerStats> one = s.progress().stats(workshop.id(), ada.id());
        assertThat(one).containsOnlyKeys(ada.id());
        assertThat(one.get(ada.id())).usingRecursiveComparison().isEqualTo(a);
        assertThat(s.progress().stats(workshop.id(), idle.id())).isEmpty();
    }

    @OnEveryDatabase
    void aWorkshopsPassesAreItsLearnersOnlyInTimeOrder(TestDatabases.Kind kind) {
        TestRows.Stores s = stores(kind);
        Workshop workshop = workshop(s);
        Learner ada = TestRows.learner(s.learners(), workshop, "Ada");
        Learner bob = TestRows.learner(s.learners(), workshop, "Bob");
        Learner other = TestRows.learner(s.learners(), workshop(s), "Other");
        s.progress().record(TestRows.check(bob, LESSON, "s1", "manual", true, T0.plusSeconds(1)), true, null);
        s.progress().record(TestRows.check(ada, LESSON, "s1", "manual", true, T0.plusSeconds(2)), true, null);
        s.progress().record(TestRows.check(ada, LESSON, "s2", "manual", true, T0.plusSeconds(3)), true, null);
        s.progress().record(TestRows.check(other, LESSON, "s1", "manual", true, T0.plusSeconds(4)), true, null);

        assertThat(s.progress().passesInWorkshop(workshop.id()))
                .extracting(StagePass::learnerId, StagePass::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bob.id(), LESSON + "/s1"),
                        org.assertj.core.groups.Tuple.tuple(ada.id(), LESSON + "/s1"),
                        org.assertj.core.groups.Tuple.tuple(ada.id(), LESSON + "/s2"));
    }

    private static Callable<Void> pass(TestRows.Stores s, CyclicBarrier start, Learner learner, String trigger,
            Instant at) {
        return () -> {
            start.await();
            s.progress().record(TestRows.check(learner, LESSON, "s1", trigger, true, at), true,
                    new ProgressStore.Move(LESSON, "s2"));
            return null;
        };
    }

    private static TestRows.Stores stores(TestDatabases.Kind kind) {
        return TestRows.Stores.on(databases.database(kind));
    }

    private static Workshop workshop(TestRows.Stores s) {
        return TestRows.workshop(s.workshops(), TestRows.staff(s.staff(), Role.INSTRUCTOR), List.of(LESSON));
    }

    private static Learner learnerOn(TestRows.Stores s, String stage, Instant at) {
        Learner learner = TestRows.learner(s.learners(), workshop(s), "Ada");
        s.learners().moveTo(learner.id(), LESSON, stage, at);
        return learner;
    }
}
