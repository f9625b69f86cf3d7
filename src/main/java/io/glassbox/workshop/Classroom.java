package io.glassbox.workshop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.recording.Recordings;
import io.glassbox.session.FastForward;
import io.glassbox.session.SessionRegistry;
import io.glassbox.session.StageChecks;
import io.glassbox.workshop.store.Database;
import io.glassbox.workshop.store.LearnerStore;
import io.glassbox.workshop.store.ProgressStore;
import io.glassbox.workshop.store.StaffStore;
import io.glassbox.workshop.store.WorkshopStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Everything workshops need, wired once: staff accounts, workshops, learners, their lab hosts and progress,
 * the roster and its live feed, over one database.
 */
public final class Classroom {

    private final StaffAccounts staff;
    private final Workshops workshops;
    private final Learners learners;
    private final LearnerSessions learnerSessions;
    private final Roster roster;
    private final WorkshopFeed feed;
    private final String database;

    /** The knobs of workshops (glassbox.workshops.*). */
    public record Settings(Duration stuckAfter, int stuckFailures, Duration staffSignIn) {
    }

    public Classroom(Database db, SessionRegistry sessions, StageChecks checks, FastForward fastForward,
            LessonCatalog lessons, Recordings recordings, ObjectMapper json, Clock clock, Settings settings, ExecutorService publisher) {
        this.database = db.describe();
        LearnerStore learnerStore = new LearnerStore(db);
        WorkshopStore workshopStore = new WorkshopStore(db);
        ProgressStore progress = new ProgressStore(db);
        this.staff = new StaffAccounts(new StaffStore(db), clock, settings.staffSignIn());
        this.workshops = new Workshops(workshopStore, lessons, clock);
        this.learners = new Learners(learnerStore, workshopStore, clock);
        this.feed = new WorkshopFeed(learnerStore, publisher);
        this.roster = new Roster(learnerStore, progress, sessions, lessons, json, clock, settings.stuckAfter(),
                settings.stuckFailures());
        feed.roster(roster);
        this.learnerSessions = new LearnerSessions(sessions, fastForward, lessons, learnerStore, progress, feed, json,
                clock);
        checks.listen(learnerSessions);
        workshops.onEnd(workshop -> learnerSessions.endAll(workshop, "the workshop ended"));
        // Before the rows go: the learners' ids name their recordings' directories.
        workshops.onDelete(workshop -> learnerStore.inWorkshop(workshop.id())
                .forEach(learner -> recordings.forget(learner.id())));
    }

    /** The database's product and version, e.g. "PostgreSQL 15.18". */
    public String database() {
        return database;
    }

    public StaffAccounts staff() {
        return staff;
    }

    public Workshops workshops() {
        return workshops;
    }

    public Learners learners() {
        return learners;
    }

    public LearnerSessions learnerSessions() {
        return learnerSessions;
    }

    public Roster roster() {
        return roster;
    }

    public WorkshopFeed feed() {
        return feed;
    }
}
