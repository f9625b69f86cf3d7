package io.glassbox.bench;

import io.glassbox.client.Screen;
import io.glassbox.client.TerminalClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Glassbox server: a terminal is a new session ({@code POST /api/sessions}) and its tab 1, acknowledged as the
 * browser does. Every session created is remembered so none is left behind.
 */
final class GlassboxTarget implements Target {

    private record Session(String id, String token) {
    }

    private final URI base;
    private final long pid;
    private final LabHosts labHosts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<Screen, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger refusals = new AtomicInteger();
    /** POST /api/sessions times of open() since the last takePosts(): the lab host's start. */
    private Percentiles posts = new Percentiles();
    /** Whole open() times since the last takePrompts(): POST until the shell's prompt arrived. */
    private Percentiles prompts = new Percentiles();

    GlassboxTarget(URI base, long pid) {
        this.base = base;
        this.pid = pid;
        this.labHosts = LabHosts.of(pid);
    }

    @Override
    public String name() {
        return "Glassbox";
    }

    @Override
    public Screen open() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String body = create();
        synchronized (this) {
            posts.add(System.nanoTime() - t0);
        }
        Session session = new Session(field(body, "id"), field(body, "token"));
        TerminalClient terminal;
        try {
            terminal = TerminalClient.open(base, field(body, "terminalUrl"), Map.of(), TerminalClient.ACK_LIKE_BROWSER,
                    KEEP);
        } catch (RuntimeException e) {
            delete(session);
            throw e;
        }
        sessions.put(terminal, session);
        terminal.awaitText("# ", Duration.ofSeconds(30));
        synchronized (this) {
            prompts.add(System.nanoTime() - t0);
        }
        return terminal;
    }

    /** POST /api/sessions; a 503 (full, or earlier teardowns still holding slots) is counted and retried for a minute. */
    private String create() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return response.body();
            }
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new IOException("POST /api/sessions: " + response.statusCode() + " " + response.body());
            }
            refusals.incrementAndGet();
            Thread.sleep(200);
        }
    }

    /**
     * Waits until the warm pool has refilled after the last open() (20 s at most), then until the JIT's compiler
     * threads are quiet: under 1 % of a CPU over 2 s, 90 s at most. For minutes after a server starts the JIT
     * works through methods that start-up and the earlier phases made hot, on the same 2 CPUs as the shells; this
     * keeps that queue out of the turns. (C2 compiling during the turns themselves was the warm-up's doing: code
     * compiled from typing alone is compiled again at the first close and open, so EchoLatency's warm-up opens and
     * closes its terminals three times; docs/terminal-engine.md, "Frames on Netty".)
     */
    @Override
    public void awaitIdle() {
        labHosts.awaitWarmPool();
        awaitQuietCompiler();
    }

    private void awaitQuietCompiler() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Map<Long, Procfs.ThreadTime> before = Procfs.threadTimes(pid);
        while (true) {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<Long, Procfs.ThreadTime> now = Procfs.threadTimes(pid);
            long ran = compilerNanos(Procfs.ranBetween(before, now));
            if (ran < TimeUnit.MILLISECONDS.toNanos(20)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                BenchmarkRun.progress(String.format("the JIT still compiles after 90 s (%.0f ms of CPU in the last 2 s)",
                        ran / 1e6));
                return;
            }
            before = now;
        }
    }

    /** CPU time of the JIT's compiler threads ("C1 CompilerThre", "C2 CompilerThre" in /proc) in {@code ran}. */
    private static long compilerNanos(Map<String, Long> ran) {
        return ran.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The POST /api/sessions times since the last call. */
    synchronized Percentiles takePosts() {
        Percentiles taken = posts;
        posts = new Percentiles();
        return taken;
    }

    /** The open() times (POST until the prompt) since the last call. */
    synchronized Percentiles takePrompts() {
        Percentiles taken = prompts;
        prompts = new Percentiles();
        return taken;
    }

    /** 503 answers to POST /api/sessions so far. */
    int refusals() {
        return refusals.get();
    }

    @Override
    public void close(Screen terminal) {
        Session session = sessions.remove(terminal);
        if (session != null) {
            delete(session);
        }
        ((TerminalClient) terminal).abort();
    }

    private void delete(Session session) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions/" + session.id()))
                .header("Authorization", "Bearer " + session.token()).timeout(Duration.ofSeconds(30)).DELETE().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202 && status != 404) {
                BenchmarkRun.progress("DELETE /api/sessions/" + session.id() + ": " + status);
            }
        } catch (IOException e) {
            BenchmarkRun.progress("DELETE /api/sessions/" + session.id() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes every session still open, on success and failure alike, and waits for the teardowns. */
    void closeEverything() {
        closeAll(List.copyOf(sessions.keySet()));
    }

    @Override
    public long pid() {
        return pid;
    }

    /** The server's process tree and every process in a lab host's cgroup (lab hosts may leave the tree). */
    @Override
    public Set<Long> processes() {
        Set<Long> all = new HashSet<>(Procfs.tree(pid));
        all.addAll(labHosts.pids());
        return all;
    }

    /** Bytes charged to the lab hosts' memory cgroups, -1 when unknown. */
    long labHostMemory() {
        return labHosts.usage();
    }

    @Override
    public void settle() {
        labHosts.awaitTeardowns();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /**
     * The server's lab hosts as the cgroup tree shows them: one directory per lab host below the instance's
     * memory cgroup {@code glassbox-<instance>} (cgroup v1 or v2), the instance named in the data dir.
     */
    record LabHosts(Path cgroup, int baseline) {

        /** Taken once the warm pool stopped changing (1.5 s alike, 20 s at most): those lab hosts stay. */
        static LabHosts of(long pid) {
            Path cgroup = instanceCgroup(pid);
            return cgroup == null ? new LabHosts(null, 0) : new LabHosts(cgroup, settledCount(cgroup));
        }

        /** The number of lab hosts once it stopped changing (1.5 s alike, 20 s at most). */
        private static int settledCount(Path cgroup) {
            int count = children(cgroup);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (int same = 0; same < 3 && System.nanoTime() < deadline; ) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                int now = children(cgroup);
                same = now == count ? same + 1 : 0;
                count = now;
            }
            return count;
        }

        /** Waits until the warm pool has refilled after sessions were taken (its lab hosts' count settled). */
        void awaitWarmPool() {
            if (cgroup != null) {
                settledCount(cgroup);
            }
        }

        /** Waits (a minute at most) until the lab host cgroups beyond the warm pool's are gone. */
        void awaitTeardowns() {
            if (cgroup == null) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (children(cgroup) > baseline) {
                if (System.nanoTime() > deadline) {
                    BenchmarkRun.progress("lab host teardowns still running after 60 s");
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * Bytes charged to the lab hosts' memory cgroups: their processes, tmpfs roots, page cache and (cgroup
         * v1 with kmem accounting, v2) kernel memory; -1 without the instance cgroup.
         */
        long usage() {
            if (cgroup == null) {
                return -1;
            }
            try {
                Path v1 = cgroup.resolve("memory.usage_in_bytes");
                return Long.parseLong(Files.readString(Files.exists(v1) ? v1 : cgroup.resolve("memory.current")).strip());
            } catch (IOException e) {
                return -1;
            }
        }

        /** Every pid in a cgroup.procs below the instance cgroup. */
        Set<Long> pids() {
            Set<Long> pids = new HashSet<>();
            if (cgroup == null) {
                return pids;
            }
            try (Stream<Path> files = Files.walk(cgroup)) {
                for (Path procs : (Iterable<Path>) files.filter(p -> p.endsWith("cgroup.procs"))::iterator) {
                    try {
                        Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).map(Long::parseLong).forEach(pids::add);
                    } catch (IOException gone) {
                        // torn down while we walked
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a cgroup went away during the walk; what was read counts
            }
            return pids;
        }

        private static int children(Path cgroup) {
            try (Stream<Path> children = Files.list(cgroup)) {
                return (int) children.filter(Files::isDirectory).count();
            } catch (IOException e) {
                return 0;
            }
        }

        private static Path instanceCgroup(long pid) {
            String dataDir = Procfs.commandLine(pid).stream().filter(a -> a.startsWith("-Dglassbox.data-dir="))
                    .map(a -> a.substring("-Dglassbox.data-dir=".length())).findFirst().orElse("/var/lib/glassbox");
            try {
                Path instance = Path.of(dataDir, "instance");
                if (!Files.exists(instance)) {
                    return null;
                }
                String name = "glassbox-" + Files.readString(instance).strip();
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                    String[] parts = line.split(":", 3);
                    List<Path> candidates = parts[0].equals("0") && parts[1].isEmpty()
                            ? List.of(Path.of("/sys/fs/cgroup" + parts[2], name))
                            : List.of(Path.of("/sys/fs/cgroup", parts[1] + parts[2], name));
                    for (Path candidate : candidates) {
                        if (List.of(parts[1].split(",")).contains("memory") || parts[1].isEmpty()) {
                            if (Files.exists(candidate.resolve("memory.usage_in_bytes"))
                                    || Files.exists(candidate.resolve("memory.current"))) {
                                return candidate.normalize();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                BenchmarkRun.progress("cannot find the instance cgroup: " + e);
            }
            return null;
        }
    }
}
