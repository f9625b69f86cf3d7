package io.glassbox.workshop.store;

import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.store.TestDatabases.Kind;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workshops, who may see them, and what deleting one takes with it, on every database. */
class WorkshopStoreTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    @OnEveryDatabase
    void aWorkshopReadsBackByIdAndCodeWithEveryField(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        StaffMember owner = TestRows.staff(s.staff(), Role.INSTRUCTOR);
        Workshop workshop = new Workshop(TestRows.id(), TestRows.code(), "Containers from scratch, 第一天", owner.id(),
                owner.username(), List.of("03-pid-namespace", "01-welcome", "02-uts-namespace"), "zh-CN",
                Instant.parse("2026-12-05T01:00:00Z"), Instant.parse("2026-12-05T09:00:00.000001Z"), null, null, null, T0);

        s.workshops().insert(workshop);

        assertThat(s.workshops().byId(workshop.id())).contains(workshop);
        assertThat(s.workshops().byCode(workshop.code())).contains(workshop);
        assertThat(s.workshops().byCode(workshop.code().toLowerCase())).as("codes are stored upper case").isEmpty();
        assertThat(s.workshops().byCode("NONE-" + TestRows.id().substring(0, 4))).isEmpty();
        assertThat(s.workshops().byId(TestRows.id())).isEmpty();
        assertThat(s.workshops().learnerCount(workshop.id())).isZero();
    }

    @OnEveryDatabase
    void aTakenJoinCodeIsAConstraintViolation(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        StaffMember owner = TestRows.staff(s.staff(), Role.INSTRUCTOR);
        Workshop first = TestRows.workshop(s.workshops(), owner, List.of("01-welcome"));
        Workshop clash = new Workshop(TestRows.id(), first.code(), "Clash", owner.id(), owner.username(),
                List.of("01-welcome"), "en", null, null, null, null, null, T0);

        StoreException e = catchThrowableOfType(StoreException.class, () -> s.workshops().insert(clash));

        assertThat(e.isConstraintViolation()).as(e.getMessage()).isTrue();
        assertThat(s.workshops().byCode(first.code())).contains(first);
        assertThat(s.workshops().byId(clash.id())).isEmpty();
    }

    @OnEveryDatabase
    void theOwnerAndAddedStaffSeeAWorkshopAndAStrangerDoesNot(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        StaffMember owner = TestRows.staff(s.staff(), Role.INSTRUCTOR);
        StaffMember helper = TestRows.staff(s.staff(), Role.ASSISTANT);
        StaffMember otherInstructor = TestRows.staff(s.staff(), Role.INSTRUCTOR);
        StaffMember stranger = TestRows.staff(s.staff(), Role.ASSISTANT);
        Workshop older = insert(s, owner, T0);
        Workshop newer = insert(s, owner, T0.plusSeconds(3600));
        Workshop othersOwn = insert(s, otherInstructor, T0.plusSeconds(60));

        s.workshops().addStaff(older.id(), helper.id());
        s.workshops().addStaff(othersOwn.id(), helper.id());

        assertThat(s.workshops().visibleTo(owner.id())).as("newest first").containsExactly(newer, older);
        assertThat(s.workshops().visibleTo(helper.id())).containsExactly(othersOwn, older);
        assertThat(s.workshops().visibleTo(otherInstructor.id())).containsExactly(othersOwn);
        assertThat(s.workshops().visibleTo(stranger.id())).isEmpty();
        assertThat(s.workshops().isStaff(older.id(), helper.id())).isTrue();
        assertThat(s.workshops().isStaff(newer.id(), helper.id())).isFalse();
        assertThat(s.workshops().isStaff(older.id(), owner.id())).as("owning is not being added").isFalse();
        assertThat(s.workshops().isStaff(older.id(), stranger.id())).isFalse();
    }

    @OnEveryDatabase
    void addingStaffTwiceAddsThemOnce(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        StaffMember owner = TestRows.staff(s.staff(), Role.INSTRUCTOR);
        StaffMember zoe = new StaffMember(TestRows.id(), "zz-" + TestRows.username("zoe"), Role.ASSISTANT, T0);
        StaffMember abe = new StaffMember(TestRows.id(), "aa-" + TestRows.username("abe"), Role.ASSISTANT, T0);
        s.staff().insert(zoe, "h");
        s.staff().insert(abe, "h");
        Workshop workshop = TestRows.workshop(s.workshops(), owner, List.of("01-welcome"));

        s.workshops().addStaff(workshop.id(), zoe.id());
        s.workshops().addStaff(workshop.id(), zoe.id());
        s.workshops().addStaff(workshop.id(), abe.id());

        assertThat(s.workshops().staffNames(workshop.id())).containsExactly(abe.username(), zoe.username());
        assertThat(s.workshops().visibleTo(zoe.id())).hasSize(1);
    }

    /** Two instructors' clicks at once: both calls succeed and the assistant is added once. */
    @OnEveryDatabase
    void addingTheSameStaffFromTwoThreadsAtOnceAddsThemOnce(Kind kind) throws Exception {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        StaffMember owner = TestRows.staff(s.staff(), Role.INSTRUCTOR);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                StaffMember helper = TestRows.staff(s.staff(), Role.ASSISTANT);
                Workshop workshop = TestRows.workshop(s.workshops(), owner, List.of("01-welcome"));
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Void> add = () -> {
                    start.await();
                    s.workshops().addStaff(workshop.id(), helper.id());
                    return null;
                };
                Future<Void> one = pool.submit(add);
                Future<Void> two = pool.submit(add);
                one.get();
                two.get();
                assertThat(s.workshops().staffNames(workshop.id())).containsExactly(helper.username());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @OnEveryDatabase
    void endingStoresTheFirstEndTime(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        Workshop workshop = TestRows.workshop(s.workshops(), TestRows.staff(s.staff(), Role.INSTRUCTOR),
                List.of("01-welcome"));
        Instant ended = T0.plusSeconds(7200);

        s.workshops().end(workshop.id(), ended);
        s.workshops().end(workshop.id(), ended.plusSeconds(60));

        Workshop stored = s.workshops().byId(workshop.id()).orElseThrow();
        assertThat(stored.endedAt()).isEqualTo(ended);
        assertThat(stored.state(ended)).isEqualTo(io.glassbox.workshop.model.WorkshopState.ENDED);
        assertThat(stored).usingRecursiveComparison().ignoringFields("endedAt").isEqualTo(workshop);
    }

    @OnEveryDatabase
    void anAnnouncementReplacesTheLastOne(Kind kind) {
        TestRows.Stores s = TestRows.Stores.on(databases.database(kind));
        Workshop workshop = TestRows.workshop(s.workshops(), TestRows.staff(s.staff(), Role.INSTRUCTOR),
                List.of("01-welcome"));

        s.workshops().announce(workshop.id(), "Lunch at 12", T0.plusSeconds(10));
        s.workshops().announce(workshop.id(), "Lunch at 12:30 — 午饭", T0.plusSeconds(20));

        Workshop stored = s.workshops().byId(workshop.id()).orElseThrow();
        assertThat(stored.announcement()).isEqualTo("Lunch at 12:30 — 午饭");
        assertThat(stored.announcedAt()).isEqualTo(T0.plusSeconds(20));
    }

    @OnEveryDatabase
    void deletingAWorkshopDeletesItsLearnersTheirProgressAndItsStaffListOnly(Kind kind) {
        Database db = databases.database(kind);
        TestRows.Stores s = TestRows.Stores.on(db);
        StaffMember owner = TestRows.staff(s.staff(), Role.INSTRUCTOR);
        StaffMember helper = TestRows.staff(s.staff(), Role.ASSISTANT);
        Workshop doomed = TestRows.workshop(s.workshops(), owner, List.of("01-welcome"));
        Workshop kept = TestRows.workshop(s.workshops(), owner, List.of("01-welcome"));
        s.workshops().addStaff(doomed.id(), helper.id());
        s.workshops().addStaff(kept.id(), helper.id());
        Learner gone = TestRows.learner(s.learners(), doomed, "Ada");
        Learner stays = TestRows.learner(s.learners(), kept, "Ada");
        for (Learner l : List.of(gone, stays)) {
            s.learners().moveTo(l.id(), "01-welcome", "s1", T0);
            s.progress().record(TestRows.check(l, "01-welcome", "s1", "manual", true, T0.plusSeconds(1)), true,
                    new ProgressStore.Move("01-welcome", "s2"));
            s.progress().event(TestRows.event(l, LearnerEvent.Kind.HINT, "01-welcome", "s2", T0.plusSeconds(2)));
        }
        assertThat(s.workshops().learnerCount(doomed.id())).isEqualTo(1);

        s.workshops().delete(doomed.id());

        assertThat(s.workshops().byId(doomed.id())).isEmpty();
        assertThat(s.learners().byId(gone.id())).isEmpty();
        assertThat(s.workshops().learnerCount(doomed.id())).isZero();
        assertThat(count(db, "learners WHERE workshop_id = ?", doomed.id())).isZero();
        assertThat(count(db, "stage_passes WHERE learner_id = ?", gone.id())).isZero();
        assertThat(count(db, "learner_events WHERE learner_id = ?", gone.id())).isZero();
        assertThat(count(db, "workshop_staff WHERE workshop_id = ?", doomed.id())).isZero();
        // The other workshop, its learner and progress, and the staff accounts are untouched.
        assertThat(s.workshops().byId(kept.id())).isPresent();
        assertThat(s.learners().byId(stays.id())).isPresent();
        assertThat(s.progress().passes(stays.id())).hasSize(1);
        assertThat(s.progress().events(stays.id())).hasSize(2);
        assertThat(s.workshops().staffNames(kept.id())).containsExactly(helper.username());
        assertThat(s.staff().byId(owner.id())).isPresent();
        assertThat(s.staff().byId(helper.id())).isPresent();
    }

    private static Workshop insert(TestRows.Stores s, StaffMember owner, Instant created) {
        Workshop workshop = new Workshop(TestRows.id(), TestRows.code(), "W", owner.id(), owner.username(),
                List.of("01-welcome"), "en", null, null, null, null, null, created);
        s.workshops().insert(workshop);
        return workshop;
    }

    private static long count(Database db, String fromWhere, Object... parameters) {
        return db.one("SELECT COUNT(*) FROM " + fromWhere, row -> row.getLong(1), parameters).orElseThrow();
    }
}
