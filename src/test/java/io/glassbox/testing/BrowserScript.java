package io.glassbox.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A browser test's script (frontend/e2e/*.e2e.mjs, playwright-core driving Debian's Chromium) run with Node: the
 * test class gives it a running server, this turns its exit code and output into a test result.
 */
public final class BrowserScript {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserScript() {
    }

    /** Skips the test unless Chromium and Node are installed; answers Node. */
    public static Path requireBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (ci/os-packages.sh test installs it)");
        Path node = Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "node")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(node != null, "node is not on the PATH (ci/os-packages.sh build installs Node.js)");
        return node;
    }

    /**
     * Runs {@code node script arguments...} in the project's base directory (where Surefire runs tests) with
     * {@code environment} added, showing its output as it comes; fails unless it exits 0 within {@code limit}
     * (then ends it and the Chromium it started). Answers what it printed.
     */
    public static String run(Path node, Path script, List<String> arguments, Map<String, String> environment,
            Duration limit) throws IOException, InterruptedException {
        return run(node, script, arguments, environment, limit, null, () -> "");
    }

    /**
     * What a test answers a line its script printed: a line for the script's stdin, or null for none. Called on
     * the thread that reads the script's output, which keeps reading (and answering) until the script ends.
     */
    public interface Answers {
        String to(String line);
    }

    /**
     * {@link #run(Path, Path, List, Map, Duration)} for a script that talks to its test: every line it prints is
     * offered to {@code answers} (null: none, and its stdin is closed at once); a failure's message adds what
     * {@code context} tells then (e.g. the server's log).
     */
    public static String run(Path node, Path script, List<String> arguments, Map<String, String> environment,
            Duration limit, Answers answers, Supplier<String> context) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(node.toString(), script.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment); // e.g. cookies: by environment, not on a command line others can read
        Process process = builder.start();
        if (answers == null) {
            process.getOutputStream().close();
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            if (answers == null) {
                tee(process.getInputStream(), output);
            } else {
                converse(process, output, answers);
            }
        }, "e2e-output");
        pump.setDaemon(true);
        pump.start();
        boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            // Chromium and its helpers are the script's children: end them too, not just node.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(Duration.ofSeconds(5).toMillis());
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        assertThat(finished).as("%s did not finish within %s; it printed:%n%s%s", script, limit, text, more(context))
                .isTrue();
        assertThat(process.exitValue()).as("%s failed; it printed:%n%s%s", script, text, more(context)).isZero();
        return text;
    }

    private static String more(Supplier<String> context) {
        String more = context.get();
        return more.isEmpty() ? "" : System.lineSeparator() + more;
    }

    /**
     * Shows and keeps the script's output line by line, writing each answer to its stdin. Keeps reading after a
     * failed answer, so a long failure report cannot fill the pipe and hang the script.
     */
    private static void converse(Process process, ByteArrayOutputStream kept, Answers answers) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream stdin = process.getOutputStream()) {
            for (String line; (line = lines.readLine()) != null; ) {
                keep(kept, line + "\n");
                String answer = answers.to(line);
                if (answer != null) {
                    stdin.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                    stdin.flush();
                }
            }
        } catch (IOException e) {
            keep(kept, "harness: " + e + "\n");
        }
    }

    private static void keep(ByteArrayOutputStream kept, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
        synchronized (kept) {
            kept.write(bytes, 0, bytes.length);
        }
    }

    /** Shows the script's progress as it happens and keeps it for the assertion message. */
    private static void tee(InputStream in, ByteArrayOutputStream kept) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                System.out.write(buffer, 0, n);
                System.out.flush();
                synchronized (kept) {
                    kept.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
