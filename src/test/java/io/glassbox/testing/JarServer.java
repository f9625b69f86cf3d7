package io.glassbox.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built server (target/quarkus-app) started as a real process, for ITs that must kill or restart it: its
 * output appended to {@code log}, started when {@code /q/health/ready} answers 200.
 */
public final class JarServer {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration READY = Duration.ofMinutes(2);

    private JarServer() {
    }

    /** Starts {@code java -D<key>=<value>... -jar} the server on {@code port}; waits until it is ready. */
    public static Process start(int port, Path log, Map<String, String> properties)
            throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of("java", "-Dquarkus.http.port=" + port));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        process.destroyForcibly();
        throw new AssertionError("the server was not ready within " + READY.toMinutes() + " minutes; see " + log);
    }

    /**
     * Stops the server with SIGTERM (it tears its lab hosts down; killed after 90 s), removes its data dir and
     * returns its instance name (what its netns and cgroups are named after), or null if it never made one.
     */
    public static String stopAndClean(Process server, Path data) throws IOException, InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(90, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        Path instanceFile = data.resolve("instance");
        String instance = Files.exists(instanceFile) ? Files.readString(instanceFile).strip() : null;
        deleteTree(data);
        return instance;
    }

    /** The server log's warnings and errors (the first 30), for a failing test's message. */
    public static String problems(Path log) {
        try {
            List<String> problems = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")).limit(30).toList();
            return "server log " + log + (problems.isEmpty() ? ": no warnings or errors" : ", warnings and errors:\n"
                    + String.join("\n", problems));
        } catch (IOException e) {
            return "server log " + log + ": " + e.getMessage();
        }
    }

    /** Removes a data dir left by an earlier run (it holds no mounts: lab hosts mount nothing on the disk). */
    public static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
