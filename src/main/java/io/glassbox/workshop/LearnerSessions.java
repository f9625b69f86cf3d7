package io.glassbox.workshop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Stage;
import io.glassbox.session.FastForward;
import io.glassbox.session.FastForwardStatus;
import io.glassbox.session.LessonProgress;
import io.glassbox.session.Session;
import io.glassbox.session.SessionEvents;
import io.glassbox.session.SessionException;
import io.glassbox.session.SessionRegistry;
import io.glassbox.session.SessionState;
import io.glassbox.session.StageReport;
import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.StagePass;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.nodes.NodeBus;
import io.glassbox.workshop.nodes.NodeEvent;
import io.glassbox.workshop.store.LearnerStore;
import io.glassbox.workshop.store.ProgressStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Workshop learners' lab hosts and what they do in them. A learner has at most one lab host; starting a lesson
 * on a second device takes over the same one. A fresh lab host continues where the learner stopped, brought
 * there by a {@link FastForward}. Every check, Show me and hint is stored as it happens, and the dashboards are
 * told. Staff actions on a learner also reach the other nodes ({@link NodeBus}): the lab host may run on any.
 */
public final class LearnerSessions implements SessionEvents {

    /** Close codes a learner's page acts on (docs/workshop-api.md): start again, or back to the lessons. */
    public static final int CLOSE_RESET = 4000;
    public static final int CLOSE_ENDED = 4001;

    private final SessionRegistry sessions;
    private final FastForward fastForward;
    private final LessonCatalog lessons;
    private final LearnerStore learners;
    private final ProgressStore progress;
    private final WorkshopFeed feed;
    private final NodeBus nodes;
    private final LabHostDirectory directory;
    private final ObjectMapper json;
    private final Clock clock;
    /** learner id -> workshop id, for the events of running sessions (a learner never changes workshop). */
    private final Map<String, String> workshopOf = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LearnerSessions(SessionRegistry sessions, FastForward fastForward, LessonCatalog lessons,
            LearnerStore learners, ProgressStore progress, WorkshopFeed feed, NodeBus nodes, LabHostDirectory directory,
            ObjectMapper json, Clock clock) {
        this.sessions = sessions;
        this.fastForward = fastForward;
        this.lessons = lessons;
        this.learners = learners;
        this.progress = progress;
        this.feed = feed;
        this.nodes = nodes;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
        sessions.onEnd(session -> session.owner().ifPresent(this::changed));
    }

    /** A learner's lab host for a lesson: {@code created} false when it was running already. */
    public record Started(Session session, boolean created, FastForwardStatus fastForward) {
    }

    /** Starts (or takes over) {@code learner}'s lab host for {@code lessonId}, continuing their progress. */
    public Started start(Learner learner, Workshop workshop, String lessonId) {
        if (!workshop.lessons().contains(lessonId)) {
            throw new SessionException(SessionException.Reason.LESSON_NOT_FOUND, "The lesson '" + lessonId
                    + "' is not part of the workshop \"" + workshop.title() + "\"; its lessons are " + workshop.lessons() + ".");
        }
        Lesson lesson = lessons.lesson(lessonId).orElseThrow(() -> new SessionException(
                SessionException.Reason.LESSON_NOT_FOUND, "The lesson '" + lessonId + "' is not loaded on this server."));
        workshopOf.put(learner.id(), workshop.id());
        synchronized (locks.computeIfAbsent(learner.id(), id -> new Object())) {
            Session running = sessions.ownedBy(learner.id()).orElse(null);
            if (running != null && running.state() == SessionState.RUNNING && running.lesson().orElse("").equals(lessonId)) {
                return new Started(running, false, running.fastForward().orElse(null));
            }
            if (running != null) {
                sessions.end(running, "the learner switched to lesson " + lessonId);
            }
            Set<String> passed = progress.passes(learner.id()).stream().filter(p -> p.lessonId().equals(lessonId))
                    .map(StagePass::stageId).collect(Collectors.toSet());
            Session session = sessions.create(lesson, learner.id(), passed);
            directory.started(session);
            LessonProgress at = session.progress().orElseThrow();
            learners.moveTo(learner.id(), lessonId, at.stageId(), clock.instant());
            FastForwardStatus status = fastForward.startFor(session, lesson).orElse(null);
            changed(learner.id());
            return new Started(session, true, status);
        }
    }

    /** Staff reset the learner's lab host: their page starts the lesson again, on a fresh, fast-forwarded one. */
    public void reset(Learner learner) {
        nodes.tell(NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_RESET, learner.workshopId(), learner.id()));
        resetHere(learner.id());
    }

    /** Staff ended the learner's lab host: their page goes back to the lessons. */
    public void end(Learner learner) {
        nodes.tell(NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_ENDED, learner.workshopId(), learner.id()));
        endHere(learner.id(), "ended by staff");
    }

    /** {@link #reset} on this node only: another node told of it. */
    void resetHere(String learnerId) {
        endSession(learnerId, "reset by staff", CLOSE_RESET, "reset");
    }

    /** Ends the learner's lab host if it runs on this node ({@code reason} for the log). */
    void endHere(String learnerId, String reason) {
        endSession(learnerId, reason, CLOSE_ENDED, "ended by staff");
    }

    /** Ends the learner's lab host, if one runs here; {@code closeCode} tells their page what to do next. */
    private void endSession(String learnerId, String reason, int closeCode, String closeReason) {
        sessions.ownedBy(learnerId).ifPresent(session -> sessions.end(session, reason, closeCode, closeReason));
    }

    /**
     * Staff moved the learner to the start of {@code stageId}: stages before it count as passed (skipped), later
     * passes are forgotten, and a running lab host is replaced by one fast-forwarded there.
     */
    public void moveTo(Learner learner, Workshop workshop, String lessonId, String stageId) {
        Lesson lesson = (lessonId == null ? Optional.<Lesson>empty() : lessons.lesson(lessonId))
                .filter(l -> workshop.lessons().contains(l.id())).orElseThrow(() ->
                new WorkshopException(WorkshopException.Reason.INVALID, "The workshop has no lesson '" + lessonId + "'."));
        List<String> ids = lesson.stages().stream().map(Stage::id).toList();
        int index = ids.indexOf(stageId);
        if (index < 0) {
            throw new WorkshopException(WorkshopException.Reason.INVALID,
                    "The lesson '" + lessonId + "' has no stage '" + stageId + "'; its stages are " + ids + ".");
        }
        progress.fastForward(learner.id(), lessonId, ids.subList(0, index), ids.subList(index, ids.size()), clock.instant());
        reset(learner);
        changed(learner.id());
    }

    /** Ends the lab hosts of the workshop's learners that run on this node. */
    void endAllHere(String workshopId, String reason) {
        for (Learner learner : learners.inWorkshop(workshopId)) {
            endHere(learner.id(), reason);
        }
    }

    /** Sends {@code body} as a push of {@code type} to the workshop's learners' lab hosts on this node. */
    void pushToAllHere(String workshopId, String type, Object body) {
        for (Learner learner : learners.inWorkshop(workshopId)) {
            sessions.ownedBy(learner.id()).ifPresent(session -> session.push(type, body));
        }
    }

    // --- what happens in learners' sessions, stored as it happens ------------------------------------------

    @Override
    public void checked(Session session, StageReport report) {
        session.owner().ifPresent(learner -> {
            List<LearnerRow.CheckLine> lines = report.results().stream().map(r -> new LearnerRow.CheckLine(r.id(),
                    r.passed(), r.expected(), r.observed(), r.message())).toList();
            LearnerEvent event = new LearnerEvent(0, learner, report.lesson(), report.stage(), LearnerEvent.Kind.CHECK,
                    report.auto() ? "auto" : "manual", report.passed(), toJson(lines), clock.instant());
            ProgressStore.Move next = report.nextStage() == null ? null
                    : new ProgressStore.Move(report.lesson(), report.nextStage());
            progress.record(event, report.passed(), next);
            changed(learner);
        });
    }

    @Override
    public void solveShown(Session session, String lesson, String stage) {
        session.owner().ifPresent(learner -> {
            progress.event(new LearnerEvent(0, learner, lesson, stage, LearnerEvent.Kind.SHOW_ME, null, null, null,
                    clock.instant()));
            changed(learner);
        });
    }

    @Override
    public void hintShown(Session session, String lesson, String stage, int hint) {
        session.owner().ifPresent(learner -> {
            progress.event(new LearnerEvent(0, learner, lesson, stage, LearnerEvent.Kind.HINT, null, null,
                    Integer.toString(hint), clock.instant()));
            changed(learner);
        });
    }

    @Override
    public void fastForwarded(Session session, FastForwardStatus status) {
        session.owner().ifPresent(this::changed);
    }

    private void changed(String learnerId) {
        String workshop = workshopOf.get(learnerId);
        if (workshop == null) {
            workshop = learners.byId(learnerId).map(Learner::workshopId).orElse(null);
        }
        if (workshop != null) {
            workshopOf.put(learnerId, workshop);
            feed.learnerChanged(workshop, learnerId);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
