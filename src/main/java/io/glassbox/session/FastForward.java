package io.glassbox.session;

import io.glassbox.lesson.check.CheckResult;
import io.glassbox.lesson.check.StageResult;
import io.glassbox.lesson.model.Stage;
import io.glassbox.lesson.run.StageReplay;
import io.glassbox.terminal.Terminal;
import java.util.List;
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
    private final ExecutorService workers;
    private final SessionEvents events;

    public FastForward(StageReplay replay, ExecutorService workers, SessionEvents events) {
        this.replay = replay;
        this.workers = workers;
        this.events = events;
    }

    /**
     * Starts replaying {@code stages} of {@code session}'s lesson in the background; answers at once with the
     * first status. Does nothing (and answers empty status) for no stages.
     */
    public FastForwardStatus start(Session session, List<Stage> stages) {
        String lesson = session.lesson().orElseThrow();
        if (stages.isEmpty()) {
            return new FastForwardStatus(lesson, null, 0, 0, FastForwardStatus.READY, null);
        }
        Terminal terminal = session.terminals().get(TAB).orElseThrow();
        FastForwardStatus first = new FastForwardStatus(lesson, stages.get(0).id(), 0, stages.size(),
                FastForwardStatus.REPLAYING, null);
        session.fastForward(first);
        terminal.lockInput("The lab host is being brought to your stage (fast-forward); the keyboard is yours"
                + " again when it is done.");
        workers.execute(() -> run(session, terminal, stages));
        return first;
    }

    private void run(Session session, Terminal terminal, List<Stage> stages) {
        String lesson = session.lesson().orElseThrow();
        long started = System.nanoTime();
        FastForwardStatus last;
        try (StageReplay.Watch watch = StageReplay.watch(terminal)) {
            last = replayAll(session, terminal, watch, lesson, stages);
        } catch (RuntimeException e) {
            LOG.warnf(e, "fast-forward of session %s failed", session.id());
            last = new FastForwardStatus(lesson, null, 0, stages.size(), FastForwardStatus.FAILED,
                    "The fast-forward stopped: " + e.getMessage());
        } finally {
            terminal.lockInput(null);
        }
        LOG.infof("session %s fast-forwarded %d stages of %s in %d ms: %s", session.id(), last.done(), lesson,
                (System.nanoTime() - started) / 1_000_000, last.phase());
        report(session, last);
    }

    private FastForwardStatus replayAll(Session session, Terminal terminal, StageReplay.Watch watch, String lesson,
            List<Stage> stages) {
        String problem = replay.awaitFirstPrompt(session.labHost(), terminal, watch);
        if (problem != null) {
            return failed(lesson, null, 0, stages.size(), "The lab host's shell did not start: " + problem);
        }
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            if (session.state() != SessionState.RUNNING) {
                return failed(lesson, stage.id(), i, stages.size(), "The session ended during the fast-forward.");
            }
            report(session, new FastForwardStatus(lesson, stage.id(), i, stages.size(), FastForwardStatus.REPLAYING, null));
            problem = replay.typeSolve(stage, session.labHost(), terminal, watch);
            if (problem != null) {
                return failed(lesson, stage.id(), i, stages.size(), "Replaying stage '" + stage.id() + "': " + problem);
            }
            StageResult result = replay.awaitPassing(stage, session.labHost(), terminal);
            if (!result.passed()) {
                return failed(lesson, stage.id(), i, stages.size(), "After replaying stage '" + stage.id()
                        + "' its checks still fail: " + result.results().stream().filter(r -> !r.passed())
                                .map(CheckResult::message).collect(Collectors.joining("; ")));
            }
        }
        return new FastForwardStatus(lesson, null, stages.size(), stages.size(), FastForwardStatus.READY, null);
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
