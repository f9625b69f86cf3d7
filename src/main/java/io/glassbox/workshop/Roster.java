package io.glassbox.workshop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.model.Stage;
import io.glassbox.session.Session;
import io.glassbox.session.SessionRegistry;
import io.glassbox.workshop.model.LabHost;
import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.LearnerEvent;
import io.glassbox.workshop.model.StagePass;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.store.LearnerStore;
import io.glassbox.workshop.store.ProgressStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The dashboard's view of a workshop: every learner's stages, counts and live lab host, assembled from the
 * database (what lasts) and the session registry (what runs now: this node's lab hosts first-hand, the other
 * nodes' from the {@link LabHostDirectory}). A whole roster takes five queries whatever the number of learners;
 * one learner's row, for a live update, five small ones.
 */
public final class Roster {

    private static final TypeReference<List<LearnerRow.CheckLine>> CHECK_LINES = new TypeReference<>() { };

    private final LearnerStore learners;
    private final ProgressStore progress;
    private final SessionRegistry sessions;
    private final LabHostDirectory directory;
    private final LessonCatalog lessons;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration stuckAfter;
    private final int stuckFailures;

    public Roster(LearnerStore learners, ProgressStore progress, SessionRegistry sessions, LabHostDirectory directory,
            LessonCatalog lessons, ObjectMapper json, Clock clock, Duration stuckAfter, int stuckFailures) {
        this.learners = learners;
        this.progress = progress;
        this.sessions = sessions;
        this.directory = directory;
        this.lessons = lessons;
        this.json = json;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
        this.stuckFailures = stuckFailures;
    }

    public RosterView snapshot(WorkshopView view, Workshop workshop) {
        Map<String, List<StagePass>> passes = progress.passesInWorkshop(workshop.id()).stream()
                .collect(Collectors.groupingBy(StagePass::learnerId));
        Map<String, ProgressStore.LearnerStats> stats = progress.stats(workshop.id(), null);
        Map<String, LabHost> labHosts = directory.inWorkshop(workshop.id());
        List<LearnerRow> rows = learners.inWorkshop(workshop.id()).stream()
                .map(l -> row(l, passes.getOrDefault(l.id(), List.of()), stats.get(l.id()),
                        () -> Optional.ofNullable(labHosts.get(l.id())))).toList();
        return new RosterView("roster", view, columns(workshop), stuckAfter.toSeconds(), stuckFailures, rows);
    }

    /** One learner's current row. */
    public LearnerRow row(Learner learner) {
        return row(learner, progress.passes(learner.id()), progress.stats(learner.workshopId(), learner.id())
                .get(learner.id()), () -> directory.of(learner.id()));
    }

    /** The grid's columns: every stage of every lesson of the workshop, in order. */
    public List<RosterView.StageColumn> columns(Workshop workshop) {
        List<RosterView.StageColumn> columns = new ArrayList<>();
        for (String id : workshop.lessons()) {
            lessons.lesson(id).ifPresent(lesson -> {
                for (Stage stage : lesson.stages()) {
                    columns.add(new RosterView.StageColumn(lesson.id(), stage.id(), stage.title().in(workshop.language())));
                }
            });
        }
        return columns;
    }

    /** {@code elsewhere}: the learner's lab host on another node, asked only when none runs here. */
    private LearnerRow row(Learner learner, List<StagePass> passes, ProgressStore.LearnerStats stats,
            Supplier<Optional<LabHost>> elsewhere) {
        ProgressStore.LearnerStats s = stats == null ? new ProgressStore.LearnerStats() : stats;
        Instant now = clock.instant();
        Session session = sessions.ownedBy(learner.id()).orElse(null);
        LearnerRow.SessionInfo sessionInfo = session != null ? new LearnerRow.SessionInfo(session.id(),
                session.state().name().toLowerCase(Locale.ROOT), session.watchUrl(1),
                Duration.between(session.lastActive(), now).toSeconds())
                : elsewhere.get().map(host -> new LearnerRow.SessionInfo(host.sessionId(), host.state(), host.watchUrl(),
                        Math.max(0, Duration.between(host.lastActive(), now).toSeconds()))).orElse(null);
        LearnerRow.FastForwardInfo fastForward = session == null ? null : session.fastForward()
                .map(f -> new LearnerRow.FastForwardInfo(f.done(), f.total(), f.phase(), f.message())).orElse(null);
        boolean stuck = s.failedInARow >= stuckFailures || (learner.stageEntered() != null && !done(learner, passes)
                && Duration.between(learner.stageEntered(), now).compareTo(stuckAfter) > 0);
        return new LearnerRow(learner.id(), learner.name(), learner.joined(), learner.lastSeen(), learner.lessonId(),
                learner.stageId(), learner.stageEntered(),
                passes.stream().filter(p -> !p.skipped()).map(StagePass::key).toList(),
                passes.stream().filter(StagePass::skipped).map(StagePass::key).toList(),
                s.failedInARow, s.hints, s.showMe, s.checks, lastCheck(s.lastCheck), sessionInfo, fastForward, stuck);
    }

    /** Whether the learner passed the stage they are on (the last stage of a finished lesson). */
    private static boolean done(Learner learner, List<StagePass> passes) {
        return passes.stream().anyMatch(p -> p.lessonId().equals(learner.lessonId()) && p.stageId().equals(learner.stageId()));
    }

    private LearnerRow.LastCheck lastCheck(LearnerEvent event) {
        if (event == null) {
            return null;
        }
        List<LearnerRow.CheckLine> lines;
        try {
            lines = event.detail() == null ? List.of() : json.readValue(event.detail(), CHECK_LINES);
        } catch (JsonProcessingException e) {
            lines = List.of();
        }
        return new LearnerRow.LastCheck(event.lessonId(), event.stageId(), Boolean.TRUE.equals(event.passed()),
                event.trigger(), event.at(), lines);
    }

    /** The stages {@code learnerId} passed or skipped, in every lesson. */
    public List<StagePass> passes(String learnerId) {
        return progress.passes(learnerId);
    }
}
