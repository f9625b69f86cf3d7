package io.glassbox.session;

import io.glassbox.lesson.check.KernelState;
import io.glassbox.lesson.check.StageChecker;
import io.glassbox.lesson.check.StageResult;
import io.glassbox.lesson.check.TargetNotFoundException;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Stage;
import io.glassbox.terminal.ServerMessage;
import io.glassbox.terminal.Terminal;
import java.nio.charset.StandardCharsets;
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
    private final ExecutorService workers;
    private final SessionMetrics metrics;
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    private final List<SessionEvents> listeners = new CopyOnWriteArrayList<>();

    public StageChecks(LessonCatalog catalog, StageChecker checker, ExecutorService workers, SessionMetrics metrics) {
        this.catalog = catalog;
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

    /** Checks the session's current stage from the foreground process of terminal {@code tab}. */
    public StageReport check(Session session, int tab, boolean auto) {
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
        StageReport report = StageReport.of(progress, result, next, auto);
        session.terminals().broadcast(new ServerMessage.Push("check", report));
        listeners.forEach(listener -> listener.checked(session, report));
        return report;
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

    /** "Show me": types the current stage's solve script into terminal {@code tab}; returns the stage. */
    public String solve(Session session, int tab) {
        notFastForwarding(session);
        LessonProgress progress = progress(session);
        Stage stage = progress.stage(lesson(progress));
        terminal(session, tab).type(stage.solve().getBytes(StandardCharsets.UTF_8));
        listeners.forEach(listener -> listener.solveShown(session, progress.lessonId(), stage.id()));
        return stage.id();
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
