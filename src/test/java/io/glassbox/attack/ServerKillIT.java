package io.glassbox.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.testing.JarServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 6: kill -9 of the server (no shutdown hook runs) must not leave lab hosts running. Runs the
 * built jar as a real server process, because a test cannot SIGKILL the JVM it runs in: two sessions, then
 * SIGKILL, then everything of theirs must be gone from the machine's /proc within a few seconds, with or
 * without systemd (this harness is not systemd), and a restart on the same data dir must sweep what is left
 * and serve again. Judged from outside: the machine's /proc, /sys/fs/cgroup and {@code ip netns pids}.
 */
@Tag("kernel")
class ServerKillIT {

    private static final Path DATA = Path.of("/var/tmp/glassbox-it-guardian");
    private static final Path LOG = Path.of("target/server-kill-it.log");
    private static final int PORT = 18191;
    private static final String BASE = "http://localhost:" + PORT;
    private static final Duration ALLOWED = Duration.ofSeconds(5);
    /** include/linux/sched.h: the task is in do_exit. */
    private static final long PF_EXITING = 0x4;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Process server;

    @Test
    void labHostsDoNotOutliveAServerKilledWithSigkill() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: lab hosts need namespaces and cgroups");
        assumeTrue(Files.isRegularFile(JarServer.JAR), "runs after the package phase (mvn verify)");
        JarServer.deleteTree(DATA);
        server = startServer();
        String instance = "glassbox-" + Files.readString(DATA.resolve("instance")).strip();
        List<String> created = List.of(createSession(), createSession());
        List<String> sessions = created.stream().map(body -> field(body, "id")).toList();
        // A shell in each: its launcher (sh, nsenter) must not hold the guardian's pipe open.
        List<WebSocket> terminals = new ArrayList<>();
        for (String body : created) {
            terminals.add(openTerminal(field(body, "terminalUrl")));
        }

        // What the two lab hosts and the outside network are, as the machine sees them.
        Map<Long, Long> labProcesses = startTimes(processesInCgroups(instance));
        Map<Long, Long> outsideProcesses = startTimes(netnsPids(instance));
        List<Path> labCgroups = cgroupsNamed(instance).stream().flatMap(ServerKillIT::children)
                .filter(dir -> dir.getFileName().toString().startsWith("lab-")).toList();
        assertThat(labProcesses).as("lab host processes in the instance cgroup").hasSizeGreaterThanOrEqualTo(2);
        assertThat(outsideProcesses).as("the outside network's web service").isNotEmpty();
        assertThat(labCgroups).as("the sessions' cgroups").isNotEmpty();

        long killed = System.nanoTime();
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // The kernel tears down the JVM's memory before it closes its files (exit_mm, then exit_files).
        double jvmGone = (System.nanoTime() - killed) / 1e9;
        long deadline = killed + Duration.ofSeconds(20).toNanos();
        Map<Long, Long> left = Map.of();
        double seconds = -1;
        double reaped = -1;
        while (System.nanoTime() < deadline && reaped < 0) {
            left = stillRunning(labProcesses, outsideProcesses);
            if (left.isEmpty() && seconds < 0) {
                seconds = (System.nanoTime() - killed) / 1e9;
            }
            if (left.isEmpty() && stillPresent(labProcesses, outsideProcesses).isEmpty()) {
                reaped = (System.nanoTime() - killed) / 1e9;
            }
            Thread.sleep(20);
        }
        List<Path> cgroupsAfterKill = labCgroups.stream().filter(Files::isDirectory).toList();
        boolean gone = seconds >= 0 && seconds <= ALLOWED.toSeconds();
        String observed = (seconds < 0 ? left.size() + " processes still running 20 s after the kill: " + left.keySet()
                : String.format("all %d lab host and %d outside processes dead in %.2f s, reaped in %s"
                        + " (the JVM itself gone in %.2f s)", labProcesses.size(), outsideProcesses.size(), seconds,
                        reaped < 0 ? "more than 20 s" : String.format("%.2f s", reaped), jvmGone))
                + "; session cgroups left before any restart: " + cgroupsAfterKill.size() + " of " + labCgroups.size();
        String name = seconds < 0 ? "kill -9 server: labs NOT dead 20 s" : String.format("kill -9 server: labs dead in %.1f s", seconds);
        System.out.println("\n==== attack suite (issue 12: server killed) ====\n" + Attack.render(List.of(new Attack(
                "host", name, "dead within " + ALLOWED.toSeconds() + " s, without systemd", observed, gone)), List.of()));
        try {
            assertThat(gone).as(observed).isTrue();
        } finally {
            // Cleans up after a failure too: the restart's sweep removes whatever the kill left.
            server = startServer();
        }

        assertThat(stillPresent(labProcesses, outsideProcesses)).as("processes of the killed server, after the restart").isEmpty();
        assertThat(labCgroups.stream().filter(Files::isDirectory).toList()).as("the killed server's session cgroups")
                .isEmpty();
        for (String id : sessions) {
            assertThat(DATA.resolve("sessions").resolve(id + ".json")).as("state file of " + id).doesNotExist();
        }
        String fresh = field(createSession(), "id");
        assertThat(fresh).matches("[0-9a-z]+");
        assertThat(processesInCgroups(instance)).as("the new session's lab host").isNotEmpty();
    }

    @AfterEach
    void stopServer() throws Exception {
        String instance = JarServer.stopAndClean(server, DATA);
        if (instance != null) {
            assertThat(Path.of("/run/netns", "glassbox-" + instance)).as("the server's outside network").doesNotExist();
            assertThat(cgroupsNamed("glassbox-" + instance)).as("the server's cgroups").isEmpty();
        }
    }

    private static String createSession() throws IOException, InterruptedException {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/api/sessions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.body();
    }

    private static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    /** Connects to a session's terminal and waits for its shell's first output (the prompt). */
    private static WebSocket openTerminal(String terminalUrl) throws Exception {
        CountDownLatch output = new CountDownLatch(1);
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + PORT + terminalUrl),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        output.countDown();
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        assertThat(output.await(30, TimeUnit.SECONDS)).as("the terminal's shell printed something").isTrue();
        return socket;
    }

    /** Every directory named {@code name} in any cgroup hierarchy of the machine (v1 or v2). */
    private static List<Path> cgroupsNamed(String name) throws IOException {
        try (Stream<Path> found = Files.find(Path.of("/sys/fs/cgroup"), 8, (path, attrs) -> attrs.isDirectory()
                && path.getFileName() != null && path.getFileName().toString().equals(name))) {
            return found.toList();
        }
    }

    private static Stream<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** Every pid in any cgroup.procs at or below the instance's cgroups. */
    private static Set<Long> processesInCgroups(String instance) throws IOException {
        Set<Long> pids = new TreeSet<>();
        for (Path top : cgroupsNamed(instance)) {
            try (Stream<Path> files = Files.find(top, 32, (path, attrs) -> path.getFileName().toString().equals("cgroup.procs"))) {
                for (Path file : files.toList()) {
                    try {
                        Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Long::parseLong).forEach(pids::add);
                    } catch (IOException removed) {
                        // the cgroup went away while being read
                    }
                }
            }
        }
        return pids;
    }

    /** What {@code ip netns pids} lists: every process in the outside network namespace. */
    private static Set<Long> netnsPids(String name) throws Exception {
        Process ip = new ProcessBuilder("ip", "netns", "pids", name).redirectErrorStream(true).start();
        String out = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ip.waitFor(10, TimeUnit.SECONDS);
        Set<Long> pids = new TreeSet<>();
        out.lines().filter(l -> l.strip().matches("\\d+")).forEach(l -> pids.add(Long.parseLong(l.strip())));
        return pids;
    }

    /** pid to start time (field 22 of /proc/pid/stat), so a reused pid is not taken for a survivor. */
    private static Map<Long, Long> startTimes(Set<Long> pids) {
        Map<Long, Long> times = new TreeMap<>();
        for (long pid : pids) {
            String stat = stat(pid);
            if (stat != null) {
                times.put(pid, startTime(stat));
            }
        }
        return times;
    }

    /**
     * The processes of {@code groups} still alive: neither reaped, nor a zombie, nor exiting. A lab's init that
     * was killed stays in the exit path (PF_EXITING, flags field 9 of /proc/pid/stat) until every process of its
     * PID namespace has been reaped (man 7 pid_namespaces); orphans' zombies are reaped by the machine's init,
     * which on some machines does so only every second or two. Such a process holds no memory and no files.
     */
    @SafeVarargs
    private static Map<Long, Long> stillRunning(Map<Long, Long>... groups) {
        Map<Long, Long> alive = new TreeMap<>();
        for (Map<Long, Long> group : groups) {
            group.forEach((pid, start) -> {
                String stat = stat(pid);
                if (stat != null && startTime(stat) == start) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    boolean exiting = (Long.parseLong(fields[6]) & PF_EXITING) != 0;
                    if (!fields[0].equals("Z") && !exiting) {
                        alive.put(pid, start);
                    }
                }
            });
        }
        return alive;
    }

    /** The processes of {@code groups} still in /proc, zombies and exiting ones included. */
    @SafeVarargs
    private static Map<Long, Long> stillPresent(Map<Long, Long>... groups) {
        Map<Long, Long> present = new TreeMap<>();
        for (Map<Long, Long> group : groups) {
            group.forEach((pid, start) -> {
                String stat = stat(pid);
                if (stat != null && startTime(stat) == start) {
                    present.put(pid, start);
                }
            });
        }
        return present;
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return null;
        }
    }

    private static long startTime(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[19]); // field 22 overall; fields[0] here is field 3 (state)
    }

    private static Process startServer() throws IOException, InterruptedException {
        return JarServer.start(PORT, LOG, Map.of("glassbox.data-dir", DATA.toString(),
                "glassbox.sandbox.uid-base", "1700000000", "glassbox.sessions.max", "4", "glassbox.sessions.warm", "0"));
    }
}
