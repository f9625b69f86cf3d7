package io.glassbox.session;

import io.glassbox.lesson.check.CheckResult;
import io.glassbox.lesson.check.StageResult;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Stage;
import io.glassbox.lesson.run.StageReplay;
import io.glassbox.terminal.Terminal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Brings a fresh lab host to where its learner stopped. Kernel state cannot outlive a server restart or a
 * reaped lab host, so the learner's passed stages are replayed: each stage's solve script is typed into the
 * session's first terminal, visibly, and that stage's checks must pass before the next one starts, which proves
 * the state is really there. The learner's keyboard is locked meanwhile; progress is pushed to their windows.
 */
public final class FastForward {

    private static final Logger LOG = Logger.getLogger(FastForward.class);
    private static final int TAB = 1;

    private final StageReplay replay;
    private final LessonCatalog lessons;
    private final ExecutorService workers;
    private final SessionEvents events;

    public FastForward(StageReplay replay, LessonCatalog lessons, ExecutorService workers, SessionEvents events) {
        this.replay = replay;
        this.lessons = lessons;
        this.workers = workers;
        this.events = events;
    }

    /** One stage to replay, and the lesson it belongs to (a starting point's stages belong to another lesson). */
    private record Step(String lesson, Stage stage) {
    }

    /**
     * Brings {@code session}'s fresh lab host to where its progress says the learner is: the lesson's starting
     * points (lesson.yaml {@code starts-from}) and the stages already passed are replayed in the background.
     * Answers at once with the first status, or empty when there is nothing to replay.
     */
    public Optional<FastForwardStatus> startFor(Session session, Lesson lesson) {
        List<Step> steps = new ArrayList<>();
        for (Lesson from : lessons.startingPoints(lesson)) {
            from.stages().forEach(stage -> steps.add(new Step(from.id(), stage)));
        }
        LessonProgress progress = session.progress().orElseThrow();
        progress.stagesBefore(lesson).forEach(stage -> steps.add(new Step(lesson.id(), stage)));
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        Terminal terminal = session.terminals().get(TAB).orElseThrow();
        FastForwardStatus first = new FastForwardStatus(steps.get(0).lesson(), steps.get(0).stage().id(), 0,
                steps.size(), FastForwardStatus.REPLAYING, null);
        session.fastForward(first);
        terminal.lockInput("The lab host is being brought to your stage (fast-forward); the keyboard is yours"
                + " again when it is done.");
        workers.execute(() -> run(session, terminal, steps));
        return Optional.of(first);
    }

    private void run(Session session, Terminal terminal, List<Step> steps) {
        String lesson = session.lesson().orElseThrow();
        long started = System.nanoTime();
        FastForwardStatus last;
        try (StageReplay.Watch watch = StageReplay.watch(terminal)) {
            last = replayAll(session, terminal, watch, steps);
        } catch (RuntimeException e) {
            LOG.warnf(e, "fast-forward of session %s failed", session.id());
            last = failed(lesson, null, 0, steps.size(), "The fast-forward stopped: " + e.getMessage());
        } finally {
            terminal.lockInput(null);
        }
        LOG.infof("session %s fast-forwarded %d of %d stages for %s in %d ms: %s", session.id(), last.done(),
                steps.size(), lesson, (System.nanoTime() - started) / 1_000_000, last.phase());
        report(session, last);
    }

    private FastForwardStatus replayAll(Session session, Terminal terminal, StageReplay.Watch watch, List<Step> steps) {
        String lesson = session.lesson().orElseThrow();
        String problem = replay.awaitFirstPrompt(session.labHost(), terminal, watch);
        if (problem != null) {
            return failed(lesson, null, 0, steps.size(), "The lab host's shell did not start: " + problem);
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Stage stage = step.stage();
            if (session.state() != SessionState.RUNNING) {
                return failed(step.lesson(), stage.id(), i, steps.size(), "The session ended during the fast-forward.");
            }
            report(session, new FastForwardStatus(step.lesson(), stage.id(), i, steps.size(),
                    FastForwardStatus.REPLAYING, null));
            problem = replay.typeSolve(stage, session.labHost(), terminal, watch);
            if (problem != null) {
                return failed(step.lesson(), stage.id(), i, steps.size(), "Replaying stage '" + stage.id() + "': "
                        + problem);
            }
            StageResult result = replay.awaitPassing(stage, session.labHost(), terminal);
            if (!result.passed()) {
                return failed(step.lesson(), stage.id(), i, steps.size(), "After replaying stage '" + stage.id()
                        + "' its checks still fail: " + result.results().stream().filter(r -> !r.passed())
                                .map(CheckResult::message).collect(Collectors.joining("; ")));
            }
        }
        return new FastForwardStatus(lesson, null, steps.size(), steps.size(), FastForwardStatus.READY, null);
    }

    private static FastForwardStatus failed(String lesson, String stage, int done, int total, String message) {
        return new FastForwardStatus(lesson, stage, done, total, FastForwardStatus.FAILED, message
                + " You can work from here, or start the lesson again with a fresh lab host.");
    }

    private void report(Session session, FastForwardStatus status) {
        session.fastForward(status);
        session.push("fast-forward", status);
        events.fastForwarded(session, status);
    }
}
