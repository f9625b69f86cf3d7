package io.glassbox.workshop.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.Role;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.StagePass;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.store.TestDatabases.Kind;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every TIMESTAMP WITH TIME ZONE column reads back as the Instant written, on every database, whatever the
 * JVM's time zone; an Instant finer than a microsecond (Instant.now() on Linux) is rounded to the nearest
 * microsecond, by H2 and PostgreSQL alike.
 */
class TimestampsTest {

    @RegisterExtension
    static final TestDatabases databases = new TestDatabases();

    @OnEveryDatabase
    void everyTimestampColumnReadsBackAsTheSameInstant(Kind kind) {
        roundTripEveryColumn(TestRows.Stores.on(databases.database(kind)));
    }

    /**
     * A server whose JVM runs in another zone (Chatham Islands: +13:45, or +12:45 in their winter, and a
     * daylight-saving change) reads and writes the same instants: no column goes through the local zone.
     */
    @OnEveryDatabase
    void theJvmsTimeZoneChangesNothing(Kind kind) {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            // New connections, made in that zone (PostgreSQL's session zone is the JVM's at connect).
            roundTripEveryColumn(TestRows.Stores.on(databases.newDatabase(kind)));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @OnEveryDatabase
    void finerThanAMicrosecondIsRoundedToTheNearestOneAlike(Kind kind) {
        StaffStore store = new StaffStore(databases.database(kind));
        for (String[] written : new String[][] {
                {"2026-12-04T10:15:30.123456789Z", "2026-12-04T10:15:30.123457Z"},
                {"2026-12-04T10:15:30.123456500Z", "2026-12-04T10:15:30.123457Z"},
                {"2026-12-04T10:15:30.123456499Z", "2026-12-04T10:15:30.123456Z"},
                {"2026-12-31T23:59:59.999999999Z", "2027-01-01T00:00:00Z"},
                {"1970-01-01T00:00:00.000000001Z", "1970-01-01T00:00:00Z"}}) {
            StaffMember member = new StaffMember(TestRows.id(), TestRows.username("t"), Role.ASSISTANT,
                    Instant.parse(written[0]));
            store.insert(member, "h");
            Instant read = store.byId(member.id()).orElseThrow().created();
            assertThat(read).as(written[0]).isEqualTo(Instant.parse(written[1])).isEqualTo(TestRows.stored(member.created()));
        }
    }

    private static void roundTripEveryColumn(TestRows.Stores s) {
        // Distinct instants with microseconds, across a daylight-saving change in Chatham and in Europe, and far out.
        Instant created = Instant.parse("2026-04-05T01:59:59.999999Z");
        Instant startsAt = Instant.parse("2026-09-27T02:45:00.000001Z");
        Instant endsAt = Instant.parse("2099-12-31T23:59:59.5Z");
        Instant endedAt = Instant.parse("2026-10-25T01:00:00.25Z");
        Instant announcedAt = Instant.parse("2026-03-29T00:30:00.75Z");
        Instant joined = Instant.parse("2001-02-03T04:05:06.070809Z");
        Instant seen = Instant.parse("2026-12-04T23:59:59.000001Z");
        Instant entered = Instant.parse("2026-12-04T12:00:00.111111Z");
        Instant passed = Instant.parse("2026-12-04T12:34:56.222222Z");
        Instant expires = Instant.parse("2027-01-01T00:00:00.000001Z");

        StaffMember owner = new StaffMember(TestRows.id(), TestRows.username("tz"), Role.INSTRUCTOR, created);
        s.staff().insert(owner, "h");
        assertThat(s.staff().byId(owner.id()).orElseThrow().created()).isEqualTo(created);

        String session = TestRows.id();
        s.staff().insertSession(session, owner.id(), "h", expires);
        assertThat(s.staff().session(session, expires.minusNanos(1000))).isPresent();
        assertThat(s.staff().session(session, expires)).isEmpty();

        Workshop workshop = new Workshop(TestRows.id(), TestRows.code(), "TZ", owner.id(), owner.username(),
                List.of("01-welcome"), "en", startsAt, endsAt, null, null, null, created);
        s.workshops().insert(workshop);
        s.workshops().end(workshop.id(), endedAt);
        s.workshops().announce(workshop.id(), "hi", announcedAt);
        Workshop stored = s.workshops().byId(workshop.id()).orElseThrow();
        assertThat(List.of(stored.created(), stored.startsAt(), stored.endsAt(), stored.endedAt(), stored.announcedAt()))
                .containsExactly(created, startsAt, endsAt, endedAt, announcedAt);

        Learner learner = new Learner(TestRows.id(), workshop.id(), "Tz", joined, joined, null, null, null);
        s.learners().insert(learner, "h");
        s.learners().moveTo(learner.id(), "01-welcome", "s1", entered);
        s.learners().seen(learner.id(), seen);
        Learner storedLearner = s.learners().byId(learner.id()).orElseThrow();
        assertThat(List.of(storedLearner.joined(), storedLearner.lastSeen(), storedLearner.stageEntered()))
                .containsExactly(joined, seen, entered);

        s.progress().record(TestRows.check(learner, "01-welcome", "s1", "manual", true, passed), true, null);
        assertThat(s.progress().passes(learner.id())).containsExactly(
                new StagePass(learner.id(), "01-welcome", "s1", passed, false));
        assertThat(s.progress().events(learner.id())).extracting(LearnerEvent::at).containsExactly(passed);
    }
}
