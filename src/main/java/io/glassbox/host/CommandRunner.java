package io.glassbox.host;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs short-lived host commands. Each child gets a fixed, minimal environment (never the server's, which
 * may hold secrets or configuration), its standard input from {@code /dev/null}, and no other inherited file
 * descriptors (the JDK closes them in the child). Output is drained on a helper thread so a chatty command
 * cannot block on a full pipe.
 */
public final class CommandRunner {

    /** The exit code reported for a command killed because it ran past its timeout. */
    public static final int TIMED_OUT = -1;

    /** The environment every host command gets; English messages keep errors searchable. */
    public static final Map<String, String> ENVIRONMENT = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG", "C.UTF-8",
            "LC_ALL", "C.UTF-8");

    private final Duration defaultTimeout;

    /**
     * The absolute path of the real {@code tool} (not a busybox link) on {@link #ENVIRONMENT}'s PATH, for
     * command lines run by a static busybox sh, which would otherwise run its own applet of the same name
     * (busybox's unshare lacks --cgroup, its ip lacks netns).
     */
    public static String locate(String tool) {
        for (String dir : ENVIRONMENT.get("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate) && !isBusybox(candidate)) {
                return candidate.toString();
            }
        }
        throw new StartupFailure(tool + " is not installed (looked in " + ENVIRONMENT.get("PATH") + ")",
                StartupFailure.installFix(List.of(tool)));
    }

    private static boolean isBusybox(Path file) {
        try {
            return file.toRealPath().getFileName().toString().equals("busybox");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The absolute path of {@code tool} on {@link #ENVIRONMENT}'s PATH, if it is there and executable: where
     * the probe looks, and what {@link #run} starts for a bare program name.
     */
    public static Optional<String> find(String tool) {
        for (String dir : ENVIRONMENT.get("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    public CommandRunner(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    public CommandRunner() {
        this(Duration.ofSeconds(30));
    }

    /** Runs {@code argv} and returns how it ended, whatever its exit code. */
    public CommandResult run(List<String> argv) {
        return run(argv, Map.of(), defaultTimeout);
    }

    public CommandResult run(List<String> argv, Map<String, String> extraEnvironment, Duration timeout) {
        return run(argv, extraEnvironment, timeout, null);
    }

    /** Runs {@code argv} with {@code input} as its standard input (for {@code ip -batch -}, {@code iptables-restore}). */
    public CommandResult run(List<String> argv, String input) {
        return run(argv, Map.of(), defaultTimeout, input);
    }

    private CommandResult run(List<String> argv, Map<String, String> extraEnvironment, Duration timeout, String input) {
        long started = System.nanoTime();
        Process process = start(argv, extraEnvironment, ProcessBuilder.Redirect.PIPE,
                input == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
        if (input != null) {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the command exited without reading all of its input; its exit status tells why
            }
        }
        Drain stdout = new Drain(process.getInputStream());
        Drain stderr = new Drain(process.getErrorStream());
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            // A daemon the command started may hold the pipes open; what it printed so far is enough.
            stdout.join(1000);
            stderr.join(1000);
            return new CommandResult(List.copyOf(argv), finished ? process.exitValue() : TIMED_OUT, stdout.text(),
                    stderr.text(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** Runs {@code argv} and fails with a {@link CommandFailedException} unless it exits 0. */
    public CommandResult check(List<String> argv) {
        return check(argv, null);
    }

    /** As {@link #check(List)}, adding {@code hint} to the error for the case the caller knows how to explain. */
    public CommandResult check(List<String> argv, String hint) {
        return requireSuccess(run(argv), hint);
    }

    /** As {@link #check(List)}, feeding {@code input} to the command's standard input. */
    public CommandResult checkWithInput(List<String> argv, String input, String hint) {
        return requireSuccess(run(argv, input), hint);
    }

    private static CommandResult requireSuccess(CommandResult result, String hint) {
        if (!result.succeeded()) {
            throw new CommandFailedException(result, hint);
        }
        return result;
    }

    /**
     * Starts a long-running child with the clean environment. Its standard output goes to {@code stdout}
     * ({@link ProcessBuilder.Redirect#DISCARD} for daemons); standard error is a pipe the caller reads.
     */
    public Process start(List<String> argv, Map<String, String> extraEnvironment, ProcessBuilder.Redirect stdout) {
        return start(argv, extraEnvironment, stdout, ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /**
     * Starts a child whose standard output and error both go to {@code log} (created or truncated), for
     * commands that leave a descendant running after they exit: a pipe would be closed by the JDK once the
     * child exits, cutting off what the descendant writes.
     */
    public Process startLogged(List<String> argv, Map<String, String> extraEnvironment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(log.toFile()).redirectErrorStream(true);
        return start(builder, extraEnvironment);
    }

    /**
     * Starts a child in / whose standard input is a pipe only this JVM holds (the kernel closes it when the JVM
     * dies, however it dies) and whose output is appended to {@code log}: for a watcher of the server itself.
     */
    public Process startFedByPipe(List<String> argv, Path log) {
        return start(new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true)
                .directory(new File("/")), Map.of());
    }

    private Process start(List<String> argv, Map<String, String> extraEnvironment, ProcessBuilder.Redirect stdout,
            ProcessBuilder.Redirect stdin) {
        return start(new ProcessBuilder(argv).redirectInput(stdin).redirectOutput(stdout), extraEnvironment);
    }

    /**
     * Starts the builder's command with the clean environment. A bare program name is looked up on
     * {@link #ENVIRONMENT}'s PATH, the one the start-up probe checked: the JDK would search the server's own
     * PATH, which after {@code su} (without -) lacks /usr/sbin, where ip and iptables live.
     */
    private static Process start(ProcessBuilder builder, Map<String, String> extraEnvironment) {
        List<String> argv = new ArrayList<>(builder.command());
        String program = argv.get(0);
        if (!program.contains("/")) {
            find(program).ifPresent(path -> argv.set(0, path));
        }
        builder.command(argv);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(ENVIRONMENT);
        environment.putAll(extraEnvironment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + program + (program.contains("/") ? ""
                    : ": not found in " + ENVIRONMENT.get("PATH") + " (" + StartupFailure.installFix(List.of(program))
                    + ")"), e);
        }
    }

    /** Reads one stream to its end on a daemon thread. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(InputStream in) {
            super("glassbox-command-output");
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(buffer);
            } catch (IOException ignored) {
                // the stream closes when the process is killed; what was read so far is kept
            }
        }

        String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
