package io.glassbox.workshop.store;

import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rows for the store tests, each with fresh random ids and names so cases can share a database, and the
 * timestamps they carry. Times are whole microseconds, the precision both databases keep (a finer Instant is
 * rounded to the nearest microsecond, on H2 and PostgreSQL alike: see TimestampsTest).
 */
public final class TestRows {

    /** A fixed start for test clocks, with microseconds so a lost fraction would show. */
    public static final Instant T0 = Instant.parse("2026-12-04T09:30:15.123456Z");

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestRows() {
    }

    public static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A username unique in this JVM, valid for StaffAccounts (a-z, 0-9, '.', '_', '-'; 3 to 32). */
    public static String username(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + id().substring(0, 6);
    }

    /** A join code unique enough for one test class's database (the real ones are 9 characters too). */
    public static String code() {
        // a letter first: an all-digit code would read the same lower case
        return "K" + id().substring(0, 3).toUpperCase() + "-" + id().substring(0, 4).toUpperCase();
    }

    /** What a stored Instant reads back as: rounded to the microsecond. */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    public static StaffMember staff(StaffStore store, Role role) {
        StaffMember member = new StaffMember(id(), username(role.wireName()), role, T0);
        store.insert(member, "$2a$10$not-a-real-hash-" + member.id());
        return member;
    }

    public static Workshop workshop(WorkshopStore store, StaffMember owner, List<String> lessons) {
        Workshop workshop = new Workshop(id(), code(), "Workshop " + COUNTER.incrementAndGet(), owner.id(),
                owner.username(), lessons, "en", null, null, null, null, null, T0);
        store.insert(workshop);
        return workshop;
    }

    public static Learner learner(LearnerStore store, Workshop workshop, String name) {
        Learner learner = new Learner(id(), workshop.id(), name, T0, T0, null, null, null);
        store.insert(learner, "hash-" + learner.id());
        return learner;
    }

    public static LearnerEvent check(Learner learner, String lesson, String stage, String trigger, boolean passed,
            Instant at) {
        return new LearnerEvent(0, learner.id(), lesson, stage, LearnerEvent.Kind.CHECK, trigger, passed,
                "[{\"id\":\"c1\",\"passed\":" + passed + "}]", at);
    }

    public static LearnerEvent event(Learner learner, LearnerEvent.Kind kind, String lesson, String stage, Instant at) {
        return new LearnerEvent(0, learner.id(), lesson, stage, kind, null, null, null, at);
    }

    /** The stores over one database. */
    public record Stores(Database db, StaffStore staff, WorkshopStore workshops, LearnerStore learners,
            ProgressStore progress) {

        public static Stores on(Database db) {
            return new Stores(db, new StaffStore(db), new WorkshopStore(db), new LearnerStore(db), new ProgressStore(db));
        }
    }
}
