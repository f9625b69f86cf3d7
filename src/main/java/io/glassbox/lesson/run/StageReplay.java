package io.glassbox.lesson.run;

import io.glassbox.lesson.check.StageChecker;
import io.glassbox.lesson.check.StageResult;
import io.glassbox.lesson.model.Stage;
import io.glassbox.sandbox.LabHost;
import io.glassbox.terminal.Terminal;
import io.glassbox.terminal.TerminalMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Types a stage's solve script into a terminal the way a careful learner would: one line at a time, each
 * waited for until output has paused and a shell is back in the foreground, then waits for the stage's checks
 * to pass. The lesson test runner proves lessons with it; a returning learner's lab host is fast-forwarded
 * with it, so what the runner proves is exactly what a fast-forward does.
 */
public final class StageReplay {

    /** Output must pause this long before a typed line counts as done (with a shell in the foreground). */
    private static final Duration SETTLE = Duration.ofMillis(300);
    /**
     * How long a stage's checks may take to pass after its script: state can lag (an OOM kill, a container's
     * server still starting). 5 s failed lesson 20's fast-forward on the VM job's emulated guest, where lesson 15's
     * container takes longer to answer; a check that passes ends the wait at once, so only a replay that really
     * fails waits it out.
     */
    private static final Duration CHECK_GRACE = Duration.ofSeconds(30);

    /** {@code <<WORD}, {@code <<-WORD}, {@code <<'WORD'}, {@code <<"WORD"}; not {@code <<<} (a here-string). */
    private static final Pattern HEREDOC = Pattern.compile("(?<!<)<<(?!<)(-?)\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\2");

    private final StageChecker checker;
    private final Duration lineTimeout;

    public StageReplay(StageChecker checker, Duration lineTimeout) {
        this.checker = checker;
        this.lineTimeout = lineTimeout;
    }

    /** What the replay watches a terminal through: its output, as a client of the terminal. */
    public static final class Watch implements AutoCloseable {
        final RunnerTranscript transcript = new RunnerTranscript();
        private final Terminal.Attachment attachment;

        private Watch(Terminal terminal, TerminalMode mode, int columns, int rows) {
            attachment = terminal.attach(transcript, mode, OptionalLong.of(0), columns, rows);
            transcript.attachedAs(attachment);
        }

        /** The last lines the terminal showed. */
        public String tail(int lines) {
            return transcript.tail(lines);
        }

        @Override
        public void close() {
            attachment.detach();
        }
    }

    /** Watches {@code terminal} without taking its keyboard from anyone (a learner's browser may hold it). */
    public static Watch watch(Terminal terminal) {
        return new Watch(terminal, TerminalMode.WATCH, 0, 0);
    }

    /** Takes control of {@code terminal} and sets its size, for a terminal of the runner's own. */
    static Watch control(Terminal terminal, int columns, int rows) {
        return new Watch(terminal, TerminalMode.CONTROL, columns, rows);
    }

    /** Waits for the terminal's first prompt; a problem description, or null. */
    public String awaitFirstPrompt(LabHost lab, Terminal terminal, Watch watch) {
        return awaitPrompt(lab, terminal, watch.transcript, 0);
    }

    /** Types {@code stage}'s solve script, each of its {@link #units} waited for; a problem description, or null. */
    public String typeSolve(Stage stage, LabHost lab, Terminal terminal, Watch watch) {
        for (List<String> unit : units(stage.solve())) {
            long before = watch.transcript.received();
            terminal.type((String.join("\r", unit) + "\r").getBytes(StandardCharsets.UTF_8));
            String problem = awaitPrompt(lab, terminal, watch.transcript, before);
            if (problem != null) {
                String typed = unit.size() == 1 ? unit.get(0) : unit.get(0) + " (and the " + (unit.size() - 1)
                        + " lines of its here-document)";
                return "after typing `" + typed + "`: " + problem;
            }
        }
        return null;
    }

    /**
     * A solve script as the units a careful typist waits after: one line, or a command that opens a
     * here-document together with the document's lines up to its delimiter (the shell reads them all before it
     * runs the command, so waiting for a prompt after each of them only waited out the quiet period: lesson 15's
     * 75-line script took 25 s). Here-strings ({@code <<<}) are single lines.
     */
    static List<List<String>> units(String solve) {
        List<List<String>> units = new ArrayList<>();
        String[] lines = solve.strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            List<String> unit = new ArrayList<>(List.of(lines[i]));
            Matcher heredoc = HEREDOC.matcher(lines[i]);
            if (heredoc.find()) {
                boolean stripTabs = !heredoc.group(1).isEmpty();
                String delimiter = heredoc.group(3);
                while (i + 1 < lines.length) {
                    String line = lines[++i];
                    unit.add(line);
                    if ((stripTabs ? line.replaceFirst("^\t+", "") : line).equals(delimiter)) {
                        break;
                    }
                }
            }
            units.add(unit);
        }
        return units;
    }

    /** Checks {@code stage} until it passes or {@link #CHECK_GRACE} is over; the last result. */
    public StageResult awaitPassing(Stage stage, LabHost lab, Terminal terminal) {
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
            if (!terminal.isRunning() && terminal.pid() >= 0) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while typing a stage's solve script", e);
        }
    }
}
