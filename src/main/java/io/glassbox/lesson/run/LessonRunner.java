package io.glassbox.lesson.run;

import io.glassbox.lesson.check.CheckResult;
import io.glassbox.lesson.check.StageChecker;
import io.glassbox.lesson.check.StageResult;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Stage;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.Sandbox;
import io.glassbox.terminal.LabShells;
import io.glassbox.terminal.Terminal;
import io.glassbox.terminal.TerminalMode;
import io.glassbox.terminal.TerminalSettings;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs lessons the way a learner who follows them perfectly would: a fresh lab host per lesson, one
 * terminal, every stage's solve script typed line by line, each line waited for until the terminal is quiet
 * at a shell prompt again. Around each stage it checks: all checks must fail before and pass after.
 */
public final class LessonRunner {

    /** Output must pause this long before a typed line counts as done (with a shell in the foreground). */
    private static final Duration SETTLE = Duration.ofMillis(300);
    /** How long a stage's checks may take to pass after its script (state can lag a moment, e.g. an OOM kill). */
    private static final Duration CHECK_GRACE = Duration.ofSeconds(5);

    private final Sandbox sandbox;
    private final StageChecker checker;
    private final ScheduledExecutorService timers;
    private final Duration lineTimeout;

    public LessonRunner(Sandbox sandbox, StageChecker checker, ScheduledExecutorService timers, Duration lineTimeout) {
        this.sandbox = sandbox;
        this.checker = checker;
        this.timers = timers;
        this.lineTimeout = lineTimeout;
    }

    /** Runs every stage of {@code lesson} in order, stopping at the first stage that does not work. */
    public List<StageRun> run(Lesson lesson) {
        List<StageRun> runs = new ArrayList<>();
        LabHost lab = sandbox.create(newId());
        Terminal terminal = new Terminal(1, lab.hostname(), LabShells.of(lab), TerminalSettings.defaults(), timers);
        try {
            RunnerTranscript transcript = new RunnerTranscript();
            transcript.attachedAs(terminal.attach(transcript, TerminalMode.CONTROL, OptionalLong.empty(), 120, 40));
            String waiting = awaitPrompt(lab, terminal, transcript, 0);
            if (waiting != null) {
                runs.add(new StageRun(lesson.id(), "(start)", List.of(), List.of(), waiting, Duration.ZERO));
                return runs;
            }
            for (Stage stage : lesson.stages()) {
                StageRun run = runStage(lesson, stage, lab, terminal, transcript);
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

    private StageRun runStage(Lesson lesson, Stage stage, LabHost lab, Terminal terminal, RunnerTranscript transcript) {
        long started = System.nanoTime();
        List<String> passedEarly = checker.check(stage, lab, terminal.pid()).results().stream()
                .filter(CheckResult::passed).map(r -> r.id() + " (" + r.message() + ")").toList();
        for (String line : stage.solve().strip().split("\n")) {
            long before = transcript.received();
            terminal.type((line + "\r").getBytes(StandardCharsets.UTF_8));
            String problem = awaitPrompt(lab, terminal, transcript, before);
            if (problem != null) {
                return new StageRun(lesson.id(), stage.id(), passedEarly, List.of(),
                        "after typing `" + line + "`: " + problem, Duration.ofNanos(System.nanoTime() - started));
            }
        }
        StageResult after = awaitPassing(stage, lab, terminal);
        List<String> stillFailing = after.results().stream().filter(r -> !r.passed())
                .map(r -> r.id() + ": " + r.message()).toList();
        String problem = stillFailing.isEmpty() ? null : "the terminal showed:\n" + transcript.tail(12);
        return new StageRun(lesson.id(), stage.id(), passedEarly, stillFailing, problem,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private StageResult awaitPassing(Stage stage, LabHost lab, Terminal terminal) {
        long deadline = System.nanoTime() + CHECK_GRACE.toNanos();
        StageResult result = checker.check(stage, lab, terminal.pid());
        while (!result.passed() && System.nanoTime() < deadline) {
            sleep(200);
            result = checker.check(stage, lab, terminal.pid());
        }
        return result;
    }

    /**
     * Waits until the terminal printed something after byte {@code after} (at least the echo of what was
     * typed), output has paused, and a shell is in the foreground; a problem description, or null.
     */
    private String awaitPrompt(LabHost lab, Terminal terminal, RunnerTranscript transcript, long after) {
        long deadline = System.nanoTime() + lineTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!terminal.isRunning()) {
                return "the terminal's shell exited; the terminal showed:\n" + transcript.tail(12);
            }
            if (transcript.received() > after && transcript.silentNanos() >= SETTLE.toNanos()
                    && checker.atPrompt(lab, terminal.pid())) {
                return null;
            }
            sleep(50);
        }
        return "no shell prompt within " + lineTimeout.toSeconds() + " s; the terminal showed:\n" + transcript.tail(12);
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a lesson", e);
        }
    }
}
