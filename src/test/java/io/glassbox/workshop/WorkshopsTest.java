package io.glassbox.workshop;

import static io.glassbox.workshop.StaffAccountsTest.assertReason;
import static io.glassbox.workshop.store.TestRows.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.testing.TestClock;
import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.model.WorkshopState;
import io.glassbox.workshop.store.OnServerDatabases;
import io.glassbox.workshop.store.TestDatabases.Kind;
import io.glassbox.workshop.store.TestDatabases;
import io.glassbox.workshop.store.TestRows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workshops as staff see them, over a real database and the shipped lessons. */
class WorkshopsTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    static LessonCatalog catalog;
    static List<String> lessonIds;

    @BeforeAll
    static void loadLessons() {
        catalog = new LessonCatalog(List.of(Path.of("lessons"))).load();
        lessonIds = catalog.lessons().stream().map(Lesson::id).limit(3).toList();
        assertThat(lessonIds).hasSize(3);
    }

    @AfterAll
    static void closeLessons() throws Exception {
        catalog.close();
    }

    @OnServerDatabases
    void anInstructorCreatesAWorkshopThatTheyAndAddedStaffSee(Kind kind) {
        Fixture f = new Fixture(kind);
        List<String> lessons = List.of(lessonIds.get(2), lessonIds.get(0));

        Workshop workshop = f.workshops.create(f.owner, "  Containers, day 1 ", lessons, "zh-CN", T0.plusSeconds(3600),
                T0.plusSeconds(7200));

        assertThat(workshop.title()).isEqualTo("Containers, day 1");
        assertThat(workshop.code()).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(workshop.state(T0)).isEqualTo(WorkshopState.SCHEDULED);
        assertThat(f.workshops.get(f.owner, workshop.id())).isEqualTo(workshop);
        assertThat(f.stores.workshops().byCode(workshop.code())).contains(workshop);
        assertThat(f.workshops.visible(f.owner)).containsExactly(workshop);
        assertThat(f.workshops.visible(f.assistant)).isEmpty();

        f.workshops.addStaff(f.owner, workshop.id(), f.assistant);

        assertThat(f.workshops.get(f.assistant, workshop.id())).isEqualTo(workshop);
        assertThat(f.workshops.visible(f.assistant)).containsExactly(workshop);
        assertThat(f.workshops.view(workshop).staff()).containsExactly(f.assistant.username());
    }

    @OnServerDatabases
    void aStrangerIsToldThereIsNoSuchWorkshop(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop workshop = f.workshops.create(f.owner, "Private", lessonIds, null, null, null);
        StaffMember otherInstructor = TestRows.staff(f.stores.staff(), Role.INSTRUCTOR);

        WorkshopException stranger = assertReason(() -> f.workshops.get(f.assistant, workshop.id()),
                WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        WorkshopException unknown = assertReason(() -> f.workshops.get(f.owner, TestRows.id()),
                WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertReason(() -> f.workshops.get(otherInstructor, workshop.id()), WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertReason(() -> f.workshops.get(f.owner, null), WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertThat(stranger.getMessage()).doesNotContain(workshop.title());
        assertThat(unknown.reason().status()).isEqualTo(404);
        // Neither may they act on it.
        assertReason(() -> f.workshops.announce(otherInstructor, workshop.id(), "hi"),
                WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertReason(() -> f.workshops.end(otherInstructor, workshop.id()), WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertReason(() -> f.workshops.delete(otherInstructor, workshop.id()),
                WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertThat(f.stores.workshops().byId(workshop.id())).contains(workshop);
    }

    @OnServerDatabases
    void anAssistantHelpsButDoesNotCreateEndOrDelete(Kind kind) {
        Fixture f = new Fixture(kind);
        Workshop workshop = f.workshops.create(f.owner, "W", lessonIds, "en", null, null);
        f.workshops.addStaff(f.owner, workshop.id(), f.assistant);

        assertReason(() -> f.workshops.create(f.assistant, "Mine", lessonIds, "en", null, null),
                WorkshopException.Reason.INSTRUCTOR_ONLY);
        assertReason(() -> f.workshops.end(f.assistant, workshop.id()), WorkshopException.Reason.INSTRUCTOR_ONLY);
        assertReason(() -> f.workshops.delete(f.assistant, workshop.id()), WorkshopException.Reason.INSTRUCTOR_ONLY);
        assertReason(() -> f.workshops.addStaff(f.assistant, workshop.id(), f.assistant),
                WorkshopException.Reason.INSTRUCTOR_ONLY);
        assertThat(f.workshops.visible(f.assistant)).containsExactly(workshop);
        assertThat(f.workshops.announce(f.assistant, workshop.id(), " Look at the board ").announcement())
                .isEqualTo("Look at the board");
    }

    @OnServerDatabases
    void aWorkshopNeedsATitleKnownLessonsOnceEachALanguageAndAnEndAfterItsStart(Kind kind) {
        Fixture f = new Fixture(kind);
        WorkshopException.Reason invalid = WorkshopException.Reason.INVALID;

        assertReason(() -> f.workshops.create(f.owner, " ", lessonIds, "en", null, null), invalid);
        assertReason(() -> f.workshops.create(f.owner, "W", List.of(), "en", null, null), invalid);
        assertReason(() -> f.workshops.create(f.owner, "W", List.of("99-no-such-lesson"), "en", null, null), invalid);
        assertReason(() -> f.workshops.create(f.owner, "W", List.of(lessonIds.get(0), lessonIds.get(0)), "en", null,
                null), invalid);
        assertReason(() -> f.workshops.create(f.owner, "W", lessonIds, "fr", null, null), invalid);
        assertReason(() -> f.workshops.create(f.owner, "W", lessonIds, "en", T0, T0), invalid);
        assertThat(f.workshops.visible(f.owner)).isEmpty();
    }

    @OnServerDatabases
    void endingAndDeletingByTheOwner(Kind kind) {
        Fixture f = new Fixture(kind);
        List<Workshop> ended = new ArrayList<>();
        f.workshops.onEnd(ended::add);
        Workshop first = f.workshops.create(f.owner, "First", lessonIds, "en", null, null);
        Workshop second = f.workshops.create(f.owner, "Second", lessonIds, "en", null, null);
        Learner learner = new Learners(f.stores.learners(), f.stores.workshops(), f.clock).join(second.code(), "Ada")
                .learner();
        f.clock.advance(Duration.ofMinutes(30));

        Workshop over = f.workshops.end(f.owner, first.id());

        assertThat(over.endedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(over.state(f.clock.instant())).isEqualTo(WorkshopState.ENDED);
        assertThat(ended).containsExactly(over);

        f.workshops.delete(f.owner, second.id());

        assertThat(ended).hasSize(2).last().satisfies(w -> assertThat(w.id()).isEqualTo(second.id()));
        assertReason(() -> f.workshops.get(f.owner, second.id()), WorkshopException.Reason.WORKSHOP_NOT_FOUND);
        assertThat(f.stores.learners().byId(learner.id())).isEmpty();
        assertThat(f.workshops.visible(f.owner)).containsExactly(over);
    }

    private static final class Fixture {
        final TestClock clock = new TestClock(T0);
        final TestRows.Stores stores;
        final Workshops workshops;
        final StaffMember owner;
        final StaffMember assistant;

        Fixture(Kind kind) {
            stores = TestRows.Stores.on(databases.database(kind));
            workshops = new Workshops(stores.workshops(), catalog, clock);
            owner = TestRows.staff(stores.staff(), Role.INSTRUCTOR);
            assistant = TestRows.staff(stores.staff(), Role.ASSISTANT);
        }
    }
}
