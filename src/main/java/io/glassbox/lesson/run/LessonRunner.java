package io.glassbox.lesson.run;

import io.glassbox.lesson.check.CheckResult;
import io.glassbox.lesson.check.StageChecker;
import io.glassbox.lesson.check.StageResult;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Mistake;
import io.glassbox.lesson.model.Stage;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.Sandbox;
import io.glassbox.terminal.LabShells;
import io.glassbox.terminal.Terminal;
import io.glassbox.terminal.TerminalSettings;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs lessons the way a learner who follows them perfectly would: a fresh lab host per lesson, one
 * terminal, every stage's solve script typed line by line, each line waited for until the terminal is quiet
 * at a shell prompt again. Around each stage it checks: all checks must fail before and pass after.
 */
public final class LessonRunner {

    private final Sandbox sandbox;
    private final StageChecker checker;
    private final ScheduledExecutorService timers;
    private final StageReplay replay;

    public LessonRunner(Sandbox sandbox, StageChecker checker, ScheduledExecutorService timers, Duration lineTimeout) {
        this.sandbox = sandbox;
        this.checker = checker;
        this.timers = timers;
        this.replay = new StageReplay(checker, lineTimeout);
    }

    /** Runs every stage of {@code lesson} in order, stopping at the first stage that does not work. */
    public List<StageRun> run(Lesson lesson) {
        return run(lesson, List.of());
    }

    /**
     * Runs {@code lesson} from the end state of {@code startingPoints} (its lesson.yaml {@code starts-from}
     * chain, earliest first): their stages are replayed first, as a new session's fast-forward does, each of
     * them checked to pass; then the lesson's own stages are run and checked before and after.
     */
    public List<StageRun> run(Lesson lesson, List<Lesson> startingPoints) {
        List<StageRun> runs = new ArrayList<>();
        LabHost lab = sandbox.create(newId());
        Terminal terminal = new Terminal(1, lab.hostname(), LabShells.of(lab), TerminalSettings.defaults(), timers);
        try (StageReplay.Watch watch = StageReplay.control(terminal, 120, 40)) {
            String waiting = replay.awaitFirstPrompt(lab, terminal, watch);
            if (waiting != null) {
                runs.add(new StageRun(lesson.id(), "(start)", List.of(), List.of(), waiting, Duration.ZERO));
                return runs;
            }
            for (Lesson from : startingPoints) {
                StageRun prelude = replayStartingPoint(lesson, from, lab, terminal, watch);
                runs.add(prelude);
                if (!prelude.ok()) {
                    return runs;
                }
            }
            for (Stage stage : lesson.stages()) {
                StageRun run = runStage(lesson, stage, lab, terminal, watch);
                runs.add(run);
                if (!run.ok()) {
                    break;
                }
            }
            return runs;
        } finally {
            terminal.close(1001, "lesson run over");
            sandbox.destroy(lab);
        }
    }

    /** Replays every stage of {@code from}, each of which must pass: the state {@code lesson} starts in. */
    private StageRun replayStartingPoint(Lesson lesson, Lesson from, LabHost lab, Terminal terminal,
            StageReplay.Watch watch) {
        long started = System.nanoTime();
        String name = "(starts from " + from.id() + ")";
        for (Stage stage : from.stages()) {
            String problem = replay.typeSolve(stage, lab, terminal, watch);
            List<String> failing = problem != null ? List.of() : replay.awaitPassing(stage, lab, terminal).results()
                    .stream().filter(r -> !r.passed()).map(r -> from.id() + "/" + stage.id() + " " + r.id() + ": "
                            + r.message()).toList();
            if (problem != null || !failing.isEmpty()) {
                return new StageRun(lesson.id(), name, List.of(), failing, problem != null ? problem
                        : "the terminal showed:\n" + watch.tail(12), Duration.ofNanos(System.nanoTime() - started));
            }
        }
        return new StageRun(lesson.id(), name, List.of(), List.of(), null, Duration.ofNanos(System.nanoTime() - started));
    }

    private StageRun runStage(Lesson lesson, Stage stage, LabHost lab, Terminal terminal, StageReplay.Watch watch) {
        long started = System.nanoTime();
        StageResult before = checker.check(stage, lab, terminal.pid());
        List<String> passedEarly = before.results().stream()
                .filter(CheckResult::passed).map(r -> r.id() + " (" + r.message() + ")").toList();
        List<String> mistakesBefore = before.mistakes().stream().map(Mistake::id).toList();
        String typing = replay.typeSolve(stage, lab, terminal, watch);
        if (typing != null) {
            return new StageRun(lesson.id(), stage.id(), passedEarly, List.of(), typing,
                    Duration.ofNanos(System.nanoTime() - started), mistakesBefore);
        }
        StageResult after = replay.awaitPassing(stage, lab, terminal);
        List<String> stillFailing = after.results().stream().filter(r -> !r.passed())
                .map(r -> r.id() + ": " + r.message()).toList();
        String problem = stillFailing.isEmpty() ? null : "the terminal showed:\n" + watch.tail(12);
        return new StageRun(lesson.id(), stage.id(), passedEarly, stillFailing, problem,
                Duration.ofNanos(System.nanoTime() - started), mistakesBefore);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
