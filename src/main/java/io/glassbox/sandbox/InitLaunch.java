package io.glassbox.sandbox;

import io.glassbox.host.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Follows a lab host launch (see {@link LabCommands#announcedInCgroups}) through its output file: the
 * launcher's pid on the first line, then init's ready line, or, when set-up fails, lab-init.sh's complaint
 * naming the step. A file is read by polling, with no thread blocked on a pipe for each launch.
 */
final class InitLaunch implements AutoCloseable {

    private static final String ERROR_PREFIX = "glassbox-lab-error:";

    private final Path output;
    private final Duration timeout;

    InitLaunch(Path output, Duration timeout) {
        this.output = output;
        this.timeout = timeout;
    }

    /**
     * Starts the launcher {@code argv}, its output going to {@code output}. The launcher stays a child of the
     * server, so no zombie waits for the machine's init, and is reaped through its pidfd by the server's
     * poll loop: a {@code ProcessBuilder} child would hold a JDK "process reaper" thread for as long as the
     * lab host lives.
     */
    static InitLaunch start(List<String> argv, Map<String, String> environment, Path output, Duration timeout) {
        ChildProcess.startLogged(argv, environment, output);
        return new InitLaunch(output, timeout);
    }

    Path output() {
        return output;
    }

    /** The launcher's pid, which becomes the outer unshare's: it prints it before it execs. */
    long awaitPid() {
        String first = awaitLines(1, () -> false).get(0);
        if (!first.matches("\\d+")) {
            throw failure("the launcher printed '" + first + "' instead of its pid");
        }
        return Long.parseLong(first);
    }

    /** Waits for init's ready line; {@code gone} says whether the launcher has died meanwhile. */
    void awaitReady(String readyLine, BooleanSupplier gone) {
        if (!awaitLines(2, gone).contains(readyLine)) {
            throw failure("init printed something other than its ready line");
        }
    }

    private List<String> awaitLines(int count, BooleanSupplier gone) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = lines();
            if (lines.stream().anyMatch(line -> line.startsWith(ERROR_PREFIX))) {
                throw failure("");
            }
            if (lines.size() >= count) {
                return lines;
            }
            if (gone.getAsBoolean() && lines().size() < count) {
                throw failure("init exited without a word");
            }
            if (System.nanoTime() > deadline) {
                throw new LabHostException("lab host set-up took longer than " + timeout.toSeconds()
                        + " s; the machine may be overloaded", null);
            }
            sleep();
        }
    }

    private List<String> lines() {
        try {
            String text = Files.readString(output);
            int complete = text.lastIndexOf('\n');
            return complete < 0 ? List.of() : text.substring(0, complete).lines().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new LabHostException("cannot read the lab host's set-up output " + output, e);
        }
    }

    /** Everything set-up printed (lab-init.sh's last line names the failed step), as the error message. */
    LabHostException failure(String fallback) {
        String said = String.join("\n", lines()).replaceAll("(?m)^\\d+$\\n?", "").strip();
        return new LabHostException("lab host set-up failed: " + (said.isEmpty() ? fallback : said), null);
    }

    private static void sleep() {
        try {
            Thread.sleep(2); // a lab host is ready in about 100 ms; 1 ms polls of many at once cost a CPU
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabHostException("interrupted while creating a lab host", e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a stale launch file is harmless; the next start sweeps the sessions directory anyway
        }
    }
}
