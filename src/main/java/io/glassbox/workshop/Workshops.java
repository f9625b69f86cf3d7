package io.glassbox.workshop;

import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.model.WorkshopState;
import io.glassbox.workshop.store.StoreException;
import io.glassbox.workshop.store.WorkshopStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Workshops as staff see them. Staff see only workshops they own or were added to: any other id answers
 * "not found", so a workshop's existence does not leak. Assistants help; only instructors create, end and
 * delete.
 */
public final class Workshops {

    private static final List<String> LANGUAGES = List.of("en", "zh-CN");
    private static final int MAX_LESSONS = 64;

    private final WorkshopStore store;
    private final LessonCatalog lessons;
    private final Clock clock;
    private Consumer<Workshop> onEnd = workshop -> { };
    private Consumer<Workshop> onDelete = workshop -> { };

    public Workshops(WorkshopStore store, LessonCatalog lessons, Clock clock) {
        this.store = store;
        this.lessons = lessons;
        this.clock = clock;
    }

    /** Called after a workshop ended by hand (its learners' lab hosts are to end too). */
    public void onEnd(Consumer<Workshop> listener) {
        onEnd = listener;
    }

    /** Called as a workshop is deleted, before its rows go (its learners' recordings are to go too). */
    public void onDelete(Consumer<Workshop> listener) {
        onDelete = listener;
    }

    public Workshop create(StaffMember by, String title, List<String> lessonIds, String language, Instant startsAt,
            Instant endsAt) {
        StaffAccounts.requireInstructor(by);
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty() || cleanTitle.length() > 200) {
            throw invalid("A workshop needs a title of 1 to 200 characters.");
        }
        if (lessonIds == null || lessonIds.isEmpty() || lessonIds.size() > MAX_LESSONS) {
            throw invalid("Choose the workshop's lessons, in order: \"lessons\": [\"02-uts-namespace\", ...].");
        }
        for (String id : lessonIds) {
            if (id == null || lessons.lesson(id).isEmpty()) {
                throw invalid("There is no lesson \"" + id + "\"; GET /api/lessons lists them.");
            }
        }
        if (new LinkedHashSet<>(lessonIds).size() != lessonIds.size()) {
            throw invalid("A lesson appears twice in \"lessons\"; list each once.");
        }
        String lang = language == null ? "en" : language;
        if (!LANGUAGES.contains(lang)) {
            throw invalid("\"language\" is \"en\" or \"zh-CN\".");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            throw invalid("\"endsAt\" must be after \"startsAt\".");
        }
        Instant now = clock.instant();
        for (int attempt = 0; ; attempt++) {
            Workshop workshop = new Workshop(Secrets.newId(), Secrets.joinCode(), cleanTitle, by.id(), by.username(),
                    List.copyOf(lessonIds), lang, startsAt, endsAt, null, null, null, now);
            try {
                store.insert(workshop);
                return workshop;
            } catch (StoreException e) {
                if (!e.isConstraintViolation() || attempt == 3) {
                    throw e; // a join code collision is retried with another code
                }
            }
        }
    }

    public List<Workshop> visible(StaffMember by) {
        return store.visibleTo(by.id());
    }

    /** The workshop, whoever asks: for what another node was asked to do with it. */
    Optional<Workshop> byId(String id) {
        return store.byId(id);
    }

    /** The workshop, if {@code by} may see it; else "not found". */
    public Workshop get(StaffMember by, String id) {
        Workshop workshop = id == null ? null : store.byId(id).orElse(null);
        if (workshop == null || !(workshop.ownerId().equals(by.id()) || store.isStaff(id, by.id()))) {
            throw new WorkshopException(WorkshopException.Reason.WORKSHOP_NOT_FOUND,
                    "There is no workshop " + id + " that you run or help with.");
        }
        return workshop;
    }

    /** The workshop as its staff see it in the API: with its staff, number of learners and state now. */
    public WorkshopView view(Workshop workshop) {
        return WorkshopView.of(workshop, store.staffNames(workshop.id()), store.learnerCount(workshop.id()),
                clock.instant());
    }

    /** The owner adds a staff account to the workshop. */
    public void addStaff(StaffMember by, String id, StaffMember member) {
        Workshop workshop = get(by, id);
        requireOwner(by, workshop);
        store.addStaff(workshop.id(), member.id());
    }

    public Workshop end(StaffMember by, String id) {
        Workshop workshop = get(by, id);
        StaffAccounts.requireInstructor(by);
        store.end(workshop.id(), clock.instant());
        Workshop ended = store.byId(id).orElseThrow();
        onEnd.accept(ended);
        return ended;
    }

    public void delete(StaffMember by, String id) {
        Workshop workshop = get(by, id);
        requireOwner(by, workshop);
        if (workshop.state(clock.instant()) != WorkshopState.ENDED) {
            end(by, id);
        }
        onDelete.accept(workshop);
        store.delete(workshop.id());
    }

    /** Stores the message as the workshop's announcement; the caller pushes it to the learners' pages. */
    public Workshop announce(StaffMember by, String id, String message) {
        Workshop workshop = get(by, id);
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > 500) {
            throw invalid("A broadcast \"message\" has 1 to 500 characters.");
        }
        store.announce(workshop.id(), text, clock.instant());
        return store.byId(id).orElseThrow();
    }

    private static void requireOwner(StaffMember by, Workshop workshop) {
        StaffAccounts.requireInstructor(by);
        if (!workshop.ownerId().equals(by.id())) {
            throw new WorkshopException(WorkshopException.Reason.INSTRUCTOR_ONLY,
                    "Only the workshop's owner (" + workshop.ownerName() + ") may do this.");
        }
    }

    private static WorkshopException invalid(String message) {
        return new WorkshopException(WorkshopException.Reason.INVALID, message);
    }
}
