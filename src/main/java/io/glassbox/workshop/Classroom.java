package io.glassbox.workshop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.recording.Recordings;
import io.glassbox.session.FastForward;
import io.glassbox.session.SessionRegistry;
import io.glassbox.session.StageChecks;
import io.glassbox.workshop.model.StaffMember;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.nodes.NodeBus;
import io.glassbox.workshop.nodes.NodeEvent;
import io.glassbox.workshop.store.Database;
import io.glassbox.workshop.store.LabHostStore;
import io.glassbox.workshop.store.LearnerStore;
import io.glassbox.workshop.store.ProgressStore;
import io.glassbox.workshop.store.StaffStore;
import io.glassbox.workshop.store.WorkshopStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Everything workshops need, wired once: staff accounts, workshops, learners, their lab hosts and progress,
 * the roster and its live feed, over one database. With several nodes on that database, what one node is asked
 * to do about a workshop reaches the others through the {@link NodeBus}, and each acts on its own lab hosts and
 * dashboards ({@link #heard}).
 */
public final class Classroom {

    private final StaffAccounts staff;
    private final Workshops workshops;
    private final Learners learners;
    private final LearnerSessions learnerSessions;
    private final Roster roster;
    private final WorkshopFeed feed;
    private final Recordings recordings;
    private final LabHostDirectory directory;
    private final NodeBus nodes;
    private final ExecutorService publisher;
    private final String database;

    /** The knobs of workshops (glassbox.workshops.*), and this node's name ({@code glassbox.node.id}, or "single"). */
    public record Settings(Duration stuckAfter, int stuckFailures, Duration staffSignIn, String node) {
    }

    public Classroom(Database db, SessionRegistry sessions, StageChecks checks, FastForward fastForward,
            LessonCatalog lessons, Recordings recordings, ObjectMapper json, Clock clock, Settings settings,
            ExecutorService publisher, NodeBus nodes) {
        this.database = db.describe();
        this.recordings = recordings;
        this.nodes = nodes;
        this.publisher = publisher;
        LearnerStore learnerStore = new LearnerStore(db);
        WorkshopStore workshopStore = new WorkshopStore(db);
        ProgressStore progress = new ProgressStore(db);
        this.staff = new StaffAccounts(new StaffStore(db), clock, settings.staffSignIn());
        this.workshops = new Workshops(workshopStore, lessons, clock);
        this.learners = new Learners(learnerStore, workshopStore, clock);
        this.feed = new WorkshopFeed(learnerStore, publisher, nodes);
        this.directory = new LabHostDirectory(new LabHostStore(db), sessions, settings.node(), clock);
        this.roster = new Roster(learnerStore, progress, sessions, directory, lessons, json, clock,
                settings.stuckAfter(), settings.stuckFailures());
        feed.roster(roster);
        this.learnerSessions = new LearnerSessions(sessions, fastForward, lessons, learnerStore, progress, feed, nodes,
                directory, json, clock);
        checks.listen(learnerSessions);
        workshops.onEnd(workshop -> {
            nodes.tell(NodeEvent.aboutWorkshop(NodeEvent.Kind.ENDED, workshop.id()));
            learnerSessions.endAllHere(workshop.id(), "the workshop ended");
        });
        // Before the rows go: the learners' ids name their recordings' directories, on every node that recorded.
        workshops.onDelete(workshop -> learnerStore.inWorkshop(workshop.id()).forEach(learner -> {
            nodes.tell(NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_FORGOTTEN, workshop.id(), learner.id()));
            recordings.forget(learner.id());
        }));
        nodes.listen(event -> {
            try {
                publisher.execute(() -> heard(event)); // off the bus's thread: acting may wait for the database
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        });
    }

    /**
     * Staff announce {@code message} to the workshop: stored, pushed to its learners' terminals and to its
     * dashboards on every node.
     */
    public Workshop announce(StaffMember by, String workshopId, String message) {
        Workshop workshop = workshops.announce(by, workshopId, message);
        nodes.tell(NodeEvent.aboutWorkshop(NodeEvent.Kind.ANNOUNCED, workshop.id()));
        announceHere(workshop);
        return workshop;
    }

    private void announceHere(Workshop workshop) {
        WorkshopView view = workshops.view(workshop);
        learnerSessions.pushToAllHere(workshop.id(), "broadcast", view.announcement());
        publishHere(view);
    }

    /** The workshop's new state to this node's dashboards of it. */
    private void publishHere(WorkshopView view) {
        feed.publish(view.id(), Map.of("type", "workshop", "workshop", view));
    }

    /** Another node told of {@code event}: act on this node's lab hosts and dashboards, as that node did on its. */
    void heard(NodeEvent event) {
        switch (event.kind()) {
            case LEARNER_CHANGED -> feed.pushLearner(event.workshopId(), event.learnerId());
            case ANNOUNCED -> workshops.byId(event.workshopId()).ifPresent(this::announceHere);
            case ENDED -> {
                learnerSessions.endAllHere(event.workshopId(), "the workshop ended");
                workshops.byId(event.workshopId()).map(workshops::view).ifPresent(this::publishHere);
            }
            case LEARNER_RESET -> learnerSessions.resetHere(event.learnerId());
            case LEARNER_ENDED -> learnerSessions.endHere(event.learnerId(), "ended by staff");
            case LEARNER_FORGOTTEN -> recordings.forget(event.learnerId());
        }
    }

    /** Vouches for this node's learners' lab hosts in the shared table; every {@link LabHostDirectory#HEARTBEAT}. */
    public void heartbeat() {
        directory.heartbeat();
    }

    /** Stops hearing the other nodes (at shutdown). */
    public void close() {
        nodes.close();
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
