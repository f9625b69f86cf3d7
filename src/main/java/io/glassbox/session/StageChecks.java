package io.glassbox.session;

import io.glassbox.lesson.check.KernelState;
import io.glassbox.lesson.check.StageChecker;
import io.glassbox.lesson.check.StageResult;
import io.glassbox.lesson.check.TargetNotFoundException;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Stage;
import io.glassbox.lesson.model.Text;
import io.glassbox.lesson.run.StageReplay;
import io.glassbox.terminal.ServerMessage;
import io.glassbox.terminal.Terminal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Checks the stage a session is on, moves the session on when it passes, and tells every window of the
 * session. Checks run when asked (the Check button) and by themselves whenever a terminal goes quiet at a
 * shell prompt, so stages tick off while the learner works.
 */
public final class StageChecks {

    private static final Logger LOG = Logger.getLogger(StageChecks.class);

    private final LessonCatalog catalog;
    private final StageChecker checker;
    private final StageReplay replay;
    private final ExecutorService typists;
    private final Set<String> solving = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final SessionMetrics metrics;
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    private final List<SessionEvents> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param replay types solve scripts for Show me, exactly as the lesson runner does
     * @param typists runs Show me's typing (seconds, for a long script), off request and check threads
     */
    public StageChecks(LessonCatalog catalog, StageChecker checker, StageReplay replay, ExecutorService typists,
            ExecutorService workers, SessionMetrics metrics) {
        this.catalog = catalog;
        this.replay = replay;
        this.typists = typists;
        this.metrics = metrics;
        this.checker = checker;
        this.workers = workers;
    }

    /** Tells {@code listener} of every check, Show me and hint from now on. */
    public void listen(SessionEvents listener) {
        listeners.add(listener);
    }

    /** Every listener at once, for other sources of session events (a fast-forward's progress). */
    public SessionEvents events() {
        return new SessionEvents() {
            @Override
            public void fastForwarded(Session session, FastForwardStatus status) {
                listeners.forEach(listener -> listener.fastForwarded(session, status));
            }
        };
    }

    /**
     * Checks the session's current stage from the foreground process of terminal {@code tab}. Every window of
     * the session gets the result in its own language; listeners get it in English, as stored records are.
     */
    public CheckedStage check(Session session, int tab, boolean auto) {
        notFastForwarding(session);
        LessonProgress progress = progress(session);
        Lesson lesson = lesson(progress);
        Stage stage = progress.stage(lesson);
        StageResult result = checker.check(stage, session.labHost(), terminal(session, tab).pid());
        metrics.stageChecked(result.passed(), auto);
        String next = null;
        if (result.passed()) {
            progress.passed(lesson, stage);
            next = progress.done() ? null : progress.stageId();
        }
        CheckedStage checked = CheckedStage.of(progress, result, next, auto);
        session.terminals().broadcast(new ServerMessage.Push("check", checked));
        StageReport report = checked.in(Text.ENGLISH);
        listeners.forEach(listener -> listener.checked(session, report));
        return checked;
    }

    /**
     * The kernel state of terminal {@code tab}'s foreground process; a conflict while the terminal has no shell
     * (it is still starting, or has ended), which is no server error.
     */
    public KernelState state(Session session, int tab) {
        try {
            return checker.state(session.labHost(), terminal(session, tab).pid());
        } catch (TargetNotFoundException e) {
            throw new SessionException(SessionException.Reason.CONFLICT, "No kernel state to show: " + e.getMessage() + ".");
        }
    }

    /**
     * "Show me": types the current stage's solve script into terminal {@code tab} in the background, the way the
     * lesson runner proves it (a command at a time, each waited for until the shell is back at its prompt), so a
     * stage the runner passes passes for Show me too; pasting the whole script at once raced (lesson 08 killed its
     * fork bomb before the bomb reached the limit). The learner's keys wait meanwhile. Every window of the session
     * gets {@code {"type":"solve","stage":…,"typing":true}} now and {@code "typing":false} when the typing is over
     * (the stage may pass, and the page move on, before that: a second Show me meanwhile is a conflict). Answers
     * the stage.
     */
    public String solve(Session session, int tab) {
        notFastForwarding(session);
        LessonProgress progress = progress(session);
        Stage stage = progress.stage(lesson(progress));
        Terminal terminal = terminal(session, tab);
        if (!solving.add(session.id())) {
            throw new SessionException(SessionException.Reason.CONFLICT,
                    "Show me is still typing the solution; wait until it is done.");
        }
        terminal.lockInput("Show me is typing the solution; the keyboard is yours again when it is done.");
        try {
            typists.execute(() -> typeSolve(session, stage, terminal));
        } catch (RuntimeException e) {
            terminal.lockInput(null);
            solving.remove(session.id());
            throw e;
        }
        session.push("solve", new SolveStatus(stage.id(), true));
        listeners.forEach(listener -> listener.solveShown(session, progress.lessonId(), stage.id()));
        return stage.id();
    }

    private void typeSolve(Session session, Stage stage, Terminal terminal) {
        try (StageReplay.Watch watch = StageReplay.watch(terminal)) {
            String problem = replay.typeSolve(stage, session.labHost(), terminal, watch);
            if (problem != null) {
                LOG.infof("Show me in session %s, stage %s: %s", session.id(), stage.id(), problem);
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "Show me in session %s", session.id());
        } finally {
            terminal.lockInput(null);
            solving.remove(session.id());
            session.push("solve", new SolveStatus(stage.id(), false));
        }
    }

    /** Pushed when Show me starts typing into a session's terminal and when it is done. */
    public record SolveStatus(String stage, boolean typing) {
    }

    /** The page showed hint {@code hint} (from 0) of {@code stageId}; recorded by the listeners. */
    public void hintShown(Session session, String stageId, int hint) {
        LessonProgress progress = progress(session);
        Stage stage = lesson(progress).stage(stageId).orElseThrow(() -> new SessionException(
                SessionException.Reason.INVALID, "The lesson '" + progress.lessonId() + "' has no stage '" + stageId + "'."));
        if (hint < 0 || hint >= stage.hints().size()) {
            throw new SessionException(SessionException.Reason.INVALID, "Stage '" + stageId + "' has "
                    + stage.hints().size() + " hints; \"hint\" must be from 0 to " + (stage.hints().size() - 1) + ".");
        }
        listeners.forEach(listener -> listener.hintShown(session, progress.lessonId(), stageId, hint));
    }

    /**
     * A terminal went quiet: if a shell is in the foreground, check the stage and push the result and the kernel
     * state. Runs on a worker; at most one check per session at a time.
     */
    public void onQuiet(Session session, Terminal terminal) {
        if (session.progress().isEmpty() || session.progress().get().done() || fastForwarding(session)
                || !checking.add(session.id())) {
            return;
        }
        workers.execute(() -> {
            try {
                if (session.state() == SessionState.RUNNING && checker.atPrompt(session.labHost(), terminal.pid())) {
                    check(session, terminal.tab(), true);
                    session.terminals().broadcast(new ServerMessage.Push("state", state(session, terminal.tab())));
                }
            } catch (RuntimeException e) {
                LOG.debugf(e, "automatic check of session %s", session.id());
            } finally {
                checking.remove(session.id());
            }
        });
    }

    private static boolean fastForwarding(Session session) {
        return session.fastForward().map(FastForwardStatus::running).orElse(false);
    }

    /** While the server types a fast-forward, the stage it reports on is not the learner's to check yet. */
    private static void notFastForwarding(Session session) {
        if (fastForwarding(session)) {
            throw new SessionException(SessionException.Reason.CONFLICT, "Your lab host is still being brought to"
                    + " your stage; wait until the fast-forward is done.");
        }
    }

    private static LessonProgress progress(Session session) {
        return session.progress().orElseThrow(() -> new SessionException(SessionException.Reason.INVALID,
                "This session follows no lesson (it is a free sandbox); start one with {\"lesson\": \"<id>\"}."));
    }

    private Lesson lesson(LessonProgress progress) {
        return catalog.lesson(progress.lessonId()).orElseThrow(() -> new SessionException(
                SessionException.Reason.LESSON_NOT_FOUND, "The lesson '" + progress.lessonId()
                        + "' is no longer loaded (its folder was removed)."));
    }

    private static Terminal terminal(Session session, int tab) {
        Terminal terminal = session.terminals().get(tab).orElseThrow(() -> new SessionException(
                SessionException.Reason.NOT_FOUND, "This session has no terminal tab " + tab + "."));
        if (terminal.pid() < 0) {
            throw new SessionException(SessionException.Reason.CONFLICT,
                    "The terminal of tab " + tab + " has not started yet; open it first.");
        }
        return terminal;
    }
}
