import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Glassbox terminal benchmark: prompt latency, keystroke echo, output throughput and the cost of an idle
 * terminal, measured against a running server and printed as one Markdown table. See docs/benchmarks.md.
 *
 * <p>Run by {@code ./glassbox bench}, which starts a server of its own; by hand:
 * {@code java bench/TerminalBenchmark.java http://localhost:8090 <serverPid>}. JDK only (source launcher),
 * so it needs no build and measures the server through the same protocol a browser uses. It also needs
 * {@code jcmd} (the JDK's) and {@code script} (util-linux) on the machine, and must run as the server's user.
 */
public final class TerminalBenchmark {

    static final int PROMPT_RUNS = 30;
    static final int[] ECHO_LEVELS = {1, 10, 50};
    static final int KEYSTROKES = 200;
    static final int KEYSTROKES_PER_LINE = 50;
    static final int WARM_UP_KEYSTROKES = 40;
    static final long TYPING_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long FLOOD_BYTES = 100_000_000L;
    static final int FLOOD_STREAMS = 10;
    static final int IDLE_TERMINALS = 20;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java bench/TerminalBenchmark.java <baseUrl> <serverPid>");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        Server server = Server.of(Long.parseLong(args[1]));
        Api api = new Api(base);
        // One table per measurement, filled row by row, so that a failure still shows what was measured.
        Table prompt = new Table();
        Table echo = new Table();
        Table flood = new Table();
        Table idle = new Table();
        List<String> notes = new ArrayList<>();
        boolean failed = false;
        // Other work on the machine moves these numbers; the load average before and after tells the reader.
        String loadBefore = loadAverage();
        int labBaseline = server.labHostCgroups();
        try {
            // Order: prompt latency first (it also warms the JIT up), the idle-terminal cost next, while the
            // server has not yet grown its heap and buffers for floods, then echo and throughput. The table
            // lists them in the order of docs/benchmarks.md.
            if (selected("prompt")) {
                promptLatency(api, prompt);
                server.awaitTeardowns(labBaseline);
            }
            if (selected("idle")) {
                idleCost(api, server, idle, notes);
            }
            if (selected("echo")) {
                keystrokeEcho(api, echo);
            }
            if (selected("throughput")) {
                throughput(api, server, flood, notes);
            }
        } catch (Exception | AssertionError e) {
            failed = true;
            notes.add("**Benchmark failed:** " + e + " (the rows above were measured before the failure)");
            e.printStackTrace();
        } finally {
            api.deleteAll();
            // Teardowns run in the background; stopping the server in the middle of one leaves work for its
            // next start, so wait until every lab host's cgroup is gone.
            server.awaitTeardowns(labBaseline);
        }
        System.out.println();
        System.out.println(header(base) + "; load average " + loadBefore + " before, " + loadAverage() + " after");
        System.out.println();
        System.out.print(Table.render(prompt, echo, flood, idle));
        for (int i = 0; i < notes.size(); i++) {
            System.out.println();
            System.out.println("[" + (i + 1) + "] " + notes.get(i));
        }
        System.exit(failed ? 1 : 0);
    }

    /**
     * Whether to run a measurement: all by default; GLASSBOX_BENCH_ONLY=echo,prompt (prompt, idle, echo,
     * throughput) runs a subset while working on one of them.
     */
    static boolean selected(String measurement) {
        String only = System.getenv("GLASSBOX_BENCH_ONLY");
        return only == null || only.isBlank() || List.of(only.split(",")).contains(measurement);
    }

    // ----------------------------------------------------------------------------------------------------
    // The four measurements

    /** Create a session and open its terminal, until the prompt shows: what a learner waits for. */
    static void promptLatency(Api api, Table table) throws Exception {
        Stats total = new Stats();
        Stats create = new Stats();
        Stats connect = new Stats();
        for (int i = 0; i < PROMPT_RUNS; i++) {
            long t0 = System.nanoTime();
            Api.Session session = api.create();
            long created = System.nanoTime();
            TermClient term = TermClient.connect(api, session);
            try {
                term.awaitTail("# ", 0, Duration.ofSeconds(30));
                long prompt = System.nanoTime();
                total.add(prompt - t0);
                create.add(created - t0);
                connect.add(prompt - created);
            } finally {
                api.delete(session);
                term.abort();
            }
            // Teardown runs in the background on the server; let it finish so it does not skew the next run.
            Thread.sleep(300);
        }
        progress("prompt latency: " + total.summary() + "; POST " + create.summary() + "; connect → prompt "
                + connect.summary());
        table.row("Prompt latency p50 (POST /api/sessions → prompt shown), n=" + total.count(),
                ms(total.percentile(50)), "< 150 ms", total.percentile(50) < 150e6);
        table.row("Prompt latency p95", ms(total.percentile(95)), "", null);
        table.row("↳ of which POST /api/sessions (lab host start), p50", ms(create.percentile(50)), "", null);
        table.row("↳ of which answer → prompt (WebSocket handshake, shell start), p50", ms(connect.percentile(50)), "", null);
    }

    /**
     * Keystroke echo: many sessions type at a human rate at the same time; each sample is one character
     * from send to the shell's echo of it arriving back. For scale, the same typing into a bash on one pty
     * of this machine (through `script`, as in a lab host) without Glassbox.
     */
    static void keystrokeEcho(Api api, Table table) throws Exception {
        for (int level : ECHO_LEVELS) {
            List<TermClient> terms = openTerminals(api, level);
            Stats stats = new Stats();
            try {
                ExecutorService typists = Executors.newFixedThreadPool(level);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Stats>> results = new ArrayList<>();
                for (TermClient term : terms) {
                    // People do not type in step: each typist starts at a random point of the typing interval.
                    long phase = ThreadLocalRandom.current().nextLong(TYPING_INTERVAL_NANOS);
                    results.add(typists.submit(() -> {
                        start.await();
                        TimeUnit.NANOSECONDS.sleep(phase);
                        warmUp(term);
                        return type(term);
                    }));
                }
                start.countDown();
                for (Future<Stats> result : results) {
                    stats.addAll(result.get(5, TimeUnit.MINUTES));
                }
                typists.shutdown();
            } finally {
                closeAll(api, terms);
            }
            progress("echo at " + level + " sessions: " + stats.summary());
            String sessions = level + (level == 1 ? " session" : " sessions");
            boolean target = level == 10;
            table.row("Keystroke echo p50, " + sessions + " typing (n=" + stats.count() + ")",
                    ms(stats.percentile(50)), target ? "< 1 ms" : "", target ? stats.percentile(50) < 1e6 : null);
            table.row("Keystroke echo p99, " + sessions + " typing", ms(stats.percentile(99)),
                    target ? "< 5 ms" : "", target ? stats.percentile(99) < 5e6 : null);
            if (level == 1) {
                Stats reference;
                try (LocalShell shell = LocalShell.start()) {
                    reference = type(shell);
                }
                progress("echo reference, bash under script: " + reference.summary());
                table.row("↳ reference: bash on one pty of this machine via `script`, no Glassbox, p50 / p99",
                        ms(reference.percentile(50)) + " / " + ms(reference.percentile(99)), "", null);
            }
            Thread.sleep(1000);
        }
    }

    /** One typist: 200 single 'a's about 10 ms apart, the line cleared with Ctrl-U every 50. */
    /**
     * Untimed keystrokes first, so the echo path is compiled by the JIT before it is measured (the first
     * hundred echoes through a fresh server take several times longer).
     */
    static void warmUp(Screen screen) throws Exception {
        for (int i = 0; i < WARM_UP_KEYSTROKES; i++) {
            screen.echo(new byte[] {'a'}, Duration.ofSeconds(10));
            TimeUnit.NANOSECONDS.sleep(TYPING_INTERVAL_NANOS);
        }
        long mark = screen.received();
        screen.send(new byte[] {0x15});
        screen.awaitReceivedBeyond(mark, Duration.ofSeconds(10));
        Thread.sleep(20);
    }

    static Stats type(Screen screen) throws Exception {
        Stats stats = new Stats();
        byte[] key = {'a'};
        for (int i = 1; i <= KEYSTROKES; i++) {
            long sent = System.nanoTime();
            stats.add(screen.echo(key, Duration.ofSeconds(10)));
            if (i % KEYSTROKES_PER_LINE == 0) {
                // Ctrl-U: readline redraws the line; wait for that output so it is not taken for an echo.
                long mark = screen.received();
                screen.send(new byte[] {0x15});
                screen.awaitReceivedBeyond(mark, Duration.ofSeconds(10));
                Thread.sleep(20);
            }
            long wait = sent + TYPING_INTERVAL_NANOS - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return stats;
    }

    /**
     * A program printing as fast as it can, the client acknowledging every 64 KiB as the browser does.
     * Two kinds of output: one long line of bytes, which measures what Glassbox moves, and `yes` lines, where
     * the kernel's terminal output processing (\n → \r\n on every 2-byte line) sets the pace. Each is also
     * run through one pty of this machine with no Glassbox (`script`), as the reference it compares to.
     */
    static void throughput(Api api, Server server, Table table, List<String> notes) throws Exception {
        String bytes = "head -c " + FLOOD_BYTES + " /dev/zero | tr '\\0' y";
        String lines = "yes | head -c " + FLOOD_BYTES;

        FloodRun single = floods(api, server, bytes, 1);
        Flood one = single.floods().get(0);
        double reference = referenceFlood(bytes);
        table.row("Output throughput, 1 stream (`" + bytes + "`, " + fixed(one.bytes() / 1e6) + " MB in "
                + one.frames() + " frames)", fixed(one.megabytesPerSecond()) + " MB/s", "≥ 20 MB/s",
                one.megabytesPerSecond() >= 20);
        table.row("↳ reference: the same through one pty of this machine via `script`, no Glassbox",
                fixed(reference) + " MB/s", "", null);

        List<Flood> ten = floods(api, server, bytes, FLOOD_STREAMS).floods();
        long start = ten.stream().mapToLong(Flood::startNanos).min().orElseThrow();
        long end = ten.stream().mapToLong(Flood::endNanos).max().orElseThrow();
        long total = ten.stream().mapToLong(Flood::bytes).sum();
        double aggregate = total / 1e6 / ((end - start) / 1e9);
        double[] perStream = ten.stream().mapToDouble(Flood::megabytesPerSecond).sorted().toArray();
        double mean = Arrays.stream(perStream).average().orElseThrow();
        table.row("Output throughput, " + FLOOD_STREAMS + " streams at once: aggregate", fixed(aggregate) + " MB/s",
                "", null);
        table.row("Output throughput, " + FLOOD_STREAMS + " streams at once: per stream, mean (min–max)",
                fixed(mean) + " (" + fixed(perStream[0]) + "–" + fixed(perStream[perStream.length - 1]) + ") MB/s",
                "", null);

        Flood yes = floods(api, server, lines, 1).floods().get(0);
        double yesReference = referenceFlood(lines);
        table.row("Output throughput, 1 stream of lines (`" + lines + "`, " + fixed(yes.bytes() / 1e6) + " MB)",
                fixed(yes.megabytesPerSecond()) + " MB/s", "", null);
        table.row("↳ reference: the same through one pty of this machine via `script`, no Glassbox",
                fixed(yesReference) + " MB/s", "", null);

        notes.add("Throughput: MB = 10^6 bytes of terminal output as received (`yes` lines arrive with \\r\\n, so "
                + "100 MB from head arrive as 150 MB), timed from sending Enter until the prompt is back, output "
                + "acknowledged every 64 KiB. A lab host is capped at 1 CPU (`glassbox.sandbox.cpus`) for the "
                + "command, its pty and `script`; this machine has " + Runtime.getRuntime().availableProcessors()
                + " CPUs, shared by the floods, the server, this client and the kernel's tty workers. The "
                + "references run the command under `script -q -c ... /dev/null` on the machine, read through a "
                + "pipe. CPU time during the 1-stream flood: " + Cpu.describe(single.before(), single.after())
                + ".");
    }

    /** Floods and the CPU time used from the first Enter to the last prompt. */
    record FloodRun(List<Flood> floods, Cpu.Sample before, Cpu.Sample after) {
    }

    /** {@code streams} sessions run {@code command} at the same time; each returns when its prompt is back. */
    static FloodRun floods(Api api, Server server, String command, int streams) throws Exception {
        List<TermClient> terms = openTerminals(api, streams);
        try {
            ExecutorService runners = Executors.newFixedThreadPool(streams);
            List<Future<Flood>> results = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (TermClient term : terms) {
                results.add(runners.submit(() -> {
                    start.await();
                    return term.flood(command + "\r", FLOOD_BYTES, Duration.ofMinutes(15));
                }));
            }
            Cpu.Sample before = server.cpu();
            start.countDown();
            List<Flood> floods = new ArrayList<>();
            for (Future<Flood> result : results) {
                floods.add(result.get(20, TimeUnit.MINUTES));
            }
            Cpu.Sample after = server.cpu();
            runners.shutdown();
            progress("flood `" + command + "` x" + streams + ": " + floods.stream()
                    .map(f -> fixed(f.megabytesPerSecond()) + " MB/s in " + f.frames() + " frames").toList()
                    + "; CPU: " + Cpu.describe(before, after));
            return new FloodRun(floods, before, after);
        } finally {
            closeAll(api, terms);
            Thread.sleep(1000);
        }
    }

    /** MB/s of {@code command}'s output through one pty of this machine: `script` gives it one. */
    static double referenceFlood(String command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder("script", "-q", "-c", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long count = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream out = process.getInputStream()) {
            for (int n; (n = out.read(buffer)) > 0; ) {
                count += n;
            }
        }
        process.waitFor();
        double rate = count / 1e6 / ((System.nanoTime() - t0) / 1e9);
        progress("reference `" + command + "`: " + count + " bytes, " + fixed(rate) + " MB/s");
        return rate;
    }

    /** The server's memory and threads for an idle connected terminal, and the lab host's own memory. */
    static void idleCost(Api api, Server server, Table table, List<String> notes) throws Exception {
        Server.Snapshot before = server.snapshot();
        List<TermClient> terms = openTerminals(api, IDLE_TERMINALS);
        Server.Snapshot after;
        try {
            Thread.sleep(3000);
            after = server.snapshot();
        } finally {
            closeAll(api, terms);
        }
        double n = IDLE_TERMINALS;
        double rss = (after.rssBytes() - before.rssBytes()) / n;
        double heap = (after.heapUsedBytes() - before.heapUsedBytes()) / n;
        double threads = (after.threads() - before.threads()) / n;
        progress("idle: before " + before + "; after " + after);
        table.row("Server RSS per idle terminal (n=" + IDLE_TERMINALS + ")", mb(rss), "< 2 MB", rss < 2e6);
        table.row("Server heap used after full GC per idle terminal", mb(heap), "< 2 MB", heap < 2e6);
        table.row("Server threads per idle terminal", fixed(threads), "≤ ~2", threads <= 2.05);
        if (before.labBytes() >= 0 && after.labBytes() >= 0) {
            double lab = (after.labBytes() - before.labBytes()) / n;
            table.row("Lab host memory per idle session (its cgroup)", mb(lab), "", null);
            notes.add("Lab host memory: growth of `" + server.memoryCgroup().orElseThrow() + "` ("
                    + (server.memoryCgroup().orElseThrow().toString().contains("/memory/")
                            ? "memory.usage_in_bytes, cgroup v1" : "memory.current, cgroup v2")
                    + ") with " + IDLE_TERMINALS + " idle sessions, divided by " + IDLE_TERMINALS + "; it was "
                    + mb(before.labBytes()) + " before. It counts each lab host's processes, tmpfs root and the "
                    + "page cache charged to it.");
        } else {
            notes.add("Lab host memory: the server's instance cgroup was not found, so it is not reported.");
        }
        notes.add("Threads added by " + IDLE_TERMINALS + " idle terminals, by name (/proc/<pid>/task/*/comm, digits "
                + "folded to #): " + Server.threadDelta(before.threadNames(), after.threadNames()) + ".");
    }

    // ----------------------------------------------------------------------------------------------------
    // Helpers shared by the measurements

    /** Creates {@code count} sessions one after another, each with its terminal connected and at its prompt. */
    static List<TermClient> openTerminals(Api api, int count) throws Exception {
        List<TermClient> terms = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Api.Session session = api.create();
                TermClient term = TermClient.connect(api, session);
                terms.add(term);
                term.awaitTail("# ", 0, Duration.ofSeconds(30));
            }
            // A fresh shell may still be printing (bracketed-paste switch after the prompt); let it settle.
            Thread.sleep(200);
            return terms;
        } catch (Exception | AssertionError e) {
            closeAll(api, terms);
            throw e;
        }
    }

    static void closeAll(Api api, List<TermClient> terms) {
        for (TermClient term : terms) {
            try {
                api.delete(term.session);
            } catch (Exception e) {
                System.err.println("could not delete session " + term.session.id() + ": " + e);
            }
            term.abort();
        }
    }

    static String header(URI base) {
        return "Glassbox terminal benchmark, " + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + "  \n"
                + "Server " + base + "; kernel " + run("uname", "-r").strip() + "; "
                + Runtime.getRuntime().availableProcessors() + " CPUs; JVM " + System.getProperty("java.vm.name")
                + " " + Runtime.version();
    }

    /** The 1-minute load average, from /proc/loadavg. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static void progress(String message) {
        System.err.println("bench: " + message);
    }

    static String ms(double nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    static String mb(double bytes) {
        return String.format("%.2f MB", bytes / 1e6);
    }

    static String fixed(double value) {
        return String.format("%.1f", value);
    }

    /** Runs a short command and returns its standard output (stderr merged). */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------------------------------------------

    /** The REST API: create and delete sessions, remembering every live one so that none is left behind. */
    static final class Api {
        record Session(String id, String token, String terminalUrl) {
        }

        // The JSON answers are flat and known; a regex per field saves a JSON library.
        private static final Pattern ID = field("id");
        private static final Pattern TOKEN = field("token");
        private static final Pattern TERMINAL_URL = field("terminalUrl");

        final URI base;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final Map<String, Session> live = new ConcurrentHashMap<>();

        Api(URI base) {
            this.base = base;
        }

        /** POST /api/sessions; a 503 (server full while earlier teardowns finish) is retried for a while. */
        Session create() throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    String body = response.body();
                    Session session = new Session(extract(ID, body), extract(TOKEN, body), extract(TERMINAL_URL, body));
                    live.put(session.id(), session);
                    return session;
                }
                if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                    throw new IOException("POST /api/sessions: " + response.statusCode() + " " + response.body());
                }
                Thread.sleep(200);
            }
        }

        void delete(Session session) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions/" + session.id()))
                    .header("Authorization", "Bearer " + session.token()).timeout(Duration.ofSeconds(30))
                    .DELETE().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202 && status != 404) {
                throw new IOException("DELETE /api/sessions/" + session.id() + ": " + status);
            }
            live.remove(session.id());
        }

        /** Deletes whatever is still live, on success and failure alike. */
        void deleteAll() {
            for (Session session : List.copyOf(live.values())) {
                try {
                    delete(session);
                } catch (Exception e) {
                    System.err.println("could not delete session " + session.id() + ": " + e);
                }
            }
        }

        URI webSocket(Session session) {
            String scheme = base.getScheme().equals("https") ? "wss" : "ws";
            return URI.create(scheme + "://" + base.getAuthority() + session.terminalUrl());
        }

        private static Pattern field(String name) {
            return Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"");
        }

        static String extract(Pattern field, String json) {
            Matcher m = field.matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no " + field.pattern() + " in " + json);
            }
            return m.group(1);
        }
    }

    /** The result of one flood: bytes and WebSocket frames received, and when the prompt came back. */
    record Flood(long bytes, long frames, long startNanos, long endNanos) {
        double megabytesPerSecond() {
            return bytes / 1e6 / ((endNanos - startNanos) / 1e9);
        }
    }

    /**
     * What a terminal shows, as far as the benchmark cares: how many bytes arrived, the last few KiB (to find
     * prompts), and the arrival time of a keystroke's echo. Output is recorded on the thread that receives it,
     * so a waiting thread's wake-up does not count in a latency.
     */
    abstract static class Screen {
        private static final int TAIL = 4096;

        // Output bytes as ISO-8859-1 chars (one per byte): enough to find ASCII prompts and echoes.
        private final StringBuilder tail = new StringBuilder();
        private long tailStart; // received bytes before tail's first char
        private long received;
        private long frames;
        private long echoSentNanos;
        private CompletableFuture<Long> echo;
        private String ended;

        abstract void send(byte[] bytes);

        abstract String name();

        /** Records output that arrived at {@code now}; returns the bytes received so far. */
        protected synchronized long arrived(byte[] bytes, long now, boolean endOfFrame) {
            received += bytes.length;
            if (endOfFrame) {
                frames++;
            }
            tail.append(new String(bytes, StandardCharsets.ISO_8859_1));
            if (tail.length() > 2 * TAIL) {
                int drop = tail.length() - TAIL;
                tail.delete(0, drop);
                tailStart += drop;
            }
            if (echo != null && contains(bytes, (byte) 'a')) {
                echo.complete(now - echoSentNanos);
                echo = null;
            }
            notifyAll();
            return received;
        }

        protected synchronized void ended(String why) {
            ended = why;
            notifyAll();
        }

        /** Sends a keystroke and returns the nanoseconds until output containing it arrived. */
        long echo(byte[] key, Duration timeout) throws Exception {
            CompletableFuture<Long> arrived = new CompletableFuture<>();
            synchronized (this) {
                echo = arrived;
                echoSentNanos = System.nanoTime();
            }
            send(key);
            try {
                return arrived.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("no echo within " + timeout + " on " + name() + "; output ends: "
                        + printable(tailText()), e);
            }
        }

        synchronized long received() {
            return received;
        }

        synchronized String tailText() {
            return tail.toString();
        }

        /** Waits until the output after byte {@code from} (if still in the tail) contains {@code needle}. */
        synchronized void awaitTail(String needle, long from, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (tail.indexOf(needle, (int) Math.max(0, from - tailStart)) < 0) {
                waitUntil(deadline, "\"" + needle + "\"");
            }
        }

        synchronized void awaitReceivedBeyond(long mark, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received <= mark) {
                waitUntil(deadline, "output");
            }
        }

        /**
         * Types {@code command} (with its Enter), which prints at least {@code minBytes}, and waits for the
         * prompt after it. The prompt ("...~# ") is looked for in the last bytes only once that much output has
         * arrived, so that neither the echoed command line nor the output can be taken for it.
         */
        Flood flood(String command, long minBytes, Duration timeout) throws InterruptedException {
            long start;
            long from;
            long fromFrames;
            synchronized (this) {
                from = received;
                fromFrames = frames;
                start = System.nanoTime();
            }
            send(command.getBytes(StandardCharsets.US_ASCII));
            synchronized (this) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (received - from < minBytes
                        || tail.indexOf("# ", (int) Math.max(0, received - 64 - tailStart)) < 0) {
                    waitUntil(deadline, "the prompt after " + minBytes + " bytes of output");
                }
                return new Flood(received - from, frames - fromFrames, start, System.nanoTime());
            }
        }

        private void waitUntil(long deadline, String what) throws InterruptedException {
            if (ended != null) {
                throw new AssertionError(name() + " ended (" + ended + ") while waiting for " + what
                        + "; output ends: " + printable(tail.toString()));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " on " + name() + " (received " + received
                        + " bytes); output ends: " + printable(tail.toString()));
            }
            wait(Math.max(1, left / 1_000_000));
        }

        private static boolean contains(byte[] bytes, byte b) {
            for (byte x : bytes) {
                if (x == b) {
                    return true;
                }
            }
            return false;
        }

        private static String printable(String s) {
            String end = s.length() > 200 ? s.substring(s.length() - 200) : s;
            return end.replaceAll("[\\x00-\\x1f\\x7f]", "·");
        }
    }

    /** A Glassbox terminal over its WebSocket, speaking docs/terminal-protocol.md. */
    /**
     * A terminal client over a plain socket speaking just enough RFC 6455: one thread blocks reading frames
     * and timestamps each as it arrives, as a browser's event loop would. (java.net.http.WebSocket hands every
     * frame from its selector thread to an executor, two thread wake-ups that on this 2-CPU machine cost more
     * than the server's whole echo path, and so would measure the client rather than Glassbox.)
     */
    static final class TermClient extends Screen {
        private static final Pattern OFFSET = Pattern.compile("\"offset\"\\s*:\\s*(\\d+)");
        private static final long ACK_EVERY = 64 * 1024;

        final Api.Session session;
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final SecureRandom random = new SecureRandom();
        private volatile long helloOffset = -1;
        private long acknowledged;

        private TermClient(Api.Session session, Socket socket) throws IOException {
            this.session = session;
            this.socket = socket;
            this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        static TermClient connect(Api api, Api.Session session) throws IOException {
            URI uri = api.webSocket(session);
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            TermClient client = new TermClient(session, socket);
            client.handshake(uri);
            Thread reader = new Thread(client::readFrames, "bench-" + session.id().substring(0, 6));
            reader.setDaemon(true);
            reader.start();
            return client;
        }

        private void handshake(URI uri) throws IOException {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder response = new StringBuilder();
            while (response.indexOf("\r\n\r\n") < 0) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("the server closed the connection during the WebSocket handshake");
                }
                response.append((char) c);
            }
            if (!response.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("WebSocket handshake refused: " + response.toString().lines().findFirst().orElse(""));
            }
        }

        @Override
        String name() {
            return "session " + session.id();
        }

        /** The reader thread: frames in, output recorded with its arrival time, acks out every 64 KiB. */
        private void readFrames() {
            try {
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                int messageType = 0;
                while (true) {
                    int first = in.readUnsignedByte();
                    int second = in.readUnsignedByte();
                    long length = second & 0x7f;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    } else if (length == 127) {
                        length = in.readLong();
                    }
                    byte[] payload = in.readNBytes((int) length);
                    long now = System.nanoTime();
                    int opcode = first & 0x0f;
                    boolean fin = (first & 0x80) != 0;
                    if (opcode == 8) {
                        ended("closed " + (payload.length >= 2 ? ((payload[0] & 0xff) << 8 | (payload[1] & 0xff)) : 1005));
                        return;
                    }
                    if (opcode == 9) {
                        writeFrame(10, payload);
                        continue;
                    }
                    if (opcode == 1 || opcode == 2) {
                        messageType = opcode;
                        message.reset();
                    }
                    if (messageType == 2) {
                        long received = arrived(payload, now, fin);
                        acknowledge(received);
                    } else if (messageType == 1) {
                        message.writeBytes(payload);
                        if (fin) {
                            control(message.toString(StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (IOException e) {
                ended("error " + e);
            }
        }

        private void control(String message) {
            Matcher offset = OFFSET.matcher(message);
            // A control client gets one hello, first; output offsets count from its offset.
            if (message.contains("\"hello\"") && helloOffset < 0 && offset.find()) {
                helloOffset = Long.parseLong(offset.group(1));
            }
        }

        /**
         * Flow control as the browser client does it: acknowledge once 64 KiB more have been processed (here:
         * counted). The server's window is 256 KiB, so this never stalls it.
         */
        private void acknowledge(long received) throws IOException {
            if (received - acknowledged >= ACK_EVERY) {
                acknowledged = received;
                String ack = "{\"type\":\"ack\",\"offset\":" + (helloOffset + received) + "}";
                writeFrame(1, ack.getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        void send(byte[] bytes) {
            try {
                writeFrame(2, bytes);
            } catch (IOException e) {
                ended("error " + e);
            }
        }

        /** A client frame: FIN, the opcode, the masked payload (RFC 6455, 5.2 and 5.3). */
        private synchronized void writeFrame(int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(0x80 | payload.length);
            } else if (payload.length < 65536) {
                out.write(0x80 | 126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xff);
            } else {
                out.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            out.write(mask);
            byte[] masked = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                masked[i] = (byte) (payload[i] ^ mask[i & 3]);
            }
            out.write(masked);
            out.flush();
        }

        void abort() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * The reference for echo: bash on one pty of this machine, made by `script` as in a lab host, typed into
     * through a pipe. What it measures is the kernel's and the shell's share of an echo, without Glassbox.
     */
    static final class LocalShell extends Screen implements AutoCloseable {
        private final Process process;
        private final OutputStream input;

        private LocalShell(Process process) {
            this.process = process;
            this.input = process.getOutputStream();
        }

        static LocalShell start() throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder("script", "-q", "-c", "bash --norc --noprofile -i", "/dev/null")
                    .redirectErrorStream(true);
            builder.environment().put("TERM", "xterm-256color");
            LocalShell shell = new LocalShell(builder.start());
            Thread reader = new Thread(shell::read, "local-shell-reader");
            reader.setDaemon(true);
            reader.start();
            shell.awaitTail("# ", 0, Duration.ofSeconds(10));
            Thread.sleep(200);
            return shell;
        }

        private void read() {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream out = process.getInputStream()) {
                for (int n; (n = out.read(buffer)) > 0; ) {
                    arrived(Arrays.copyOf(buffer, n), System.nanoTime(), true);
                }
            } catch (IOException e) {
                // the shell went away
            }
            ended("exited");
        }

        @Override
        String name() {
            return "the local reference shell";
        }

        @Override
        synchronized void send(byte[] bytes) {
            try {
                input.write(bytes);
                input.flush();
            } catch (IOException e) {
                throw new IllegalStateException("the local reference shell went away", e);
            }
        }

        @Override
        public void close() {
            // Hanging up (script's stdin at EOF, then SIGTERM) ends script, and with its pty, bash.
            try {
                input.close();
            } catch (IOException ignored) {
                // already closed
            }
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Percentiles over nanosecond samples (nearest rank). */
    static final class Stats {
        private final List<Long> samples = Collections.synchronizedList(new ArrayList<>());

        void add(long nanos) {
            samples.add(nanos);
        }

        void addAll(Stats other) {
            samples.addAll(other.samples);
        }

        int count() {
            return samples.size();
        }

        double percentile(double p) {
            long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        String summary() {
            return "n=" + count() + " p50 " + ms(percentile(50)) + " p95 " + ms(percentile(95)) + " p99 "
                    + ms(percentile(99)) + " max " + ms(percentile(100));
        }
    }

    /** CPU time, from the kernel's accounting, to say where a flood's time went. */
    static final class Cpu {
        /** Seconds of CPU: user and system time of the server and of this client, the lab hosts', the machine's. */
        record Sample(long wallNanos, double serverUser, double serverSystem, double clientUser, double clientSystem,
                double labHosts, double machineBusy) {
        }

        /** utime and stime of a process, all threads, from /proc/<pid>/stat (fields 14 and 15, in USER_HZ). */
        static double[] processSeconds(String pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new double[] {Long.parseLong(f[11]) / 100.0, Long.parseLong(f[12]) / 100.0};
            } catch (IOException e) {
                return new double[] {Double.NaN, Double.NaN};
            }
        }

        /** Busy CPU seconds of the whole machine: all but idle and iowait in the first line of /proc/stat. */
        static double machineBusySeconds() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    if (i != 4 && i != 5) {
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy / 100.0; // USER_HZ
            } catch (IOException e) {
                return Double.NaN;
            }
        }

        static String describe(Sample a, Sample b) {
            double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
            double serverUser = b.serverUser() - a.serverUser();
            double serverSystem = b.serverSystem() - a.serverSystem();
            double clientUser = b.clientUser() - a.clientUser();
            double clientSystem = b.clientSystem() - a.clientSystem();
            double lab = b.labHosts() - a.labHosts();
            double rest = b.machineBusy() - a.machineBusy() - serverUser - serverSystem - clientUser - clientSystem - lab;
            return String.format("over %.1f s of wall time (%.1f CPU-s available) the server used %.1f CPU-s (user "
                    + "%.1f, system %.1f), this client %.1f (user %.1f, system %.1f), the lab hosts %.1f, everything "
                    + "else (kernel workers such as the tty's, other processes) %.1f", wall,
                    wall * Runtime.getRuntime().availableProcessors(), serverUser + serverSystem, serverUser,
                    serverSystem, clientUser + clientSystem, clientUser, clientSystem, lab, rest);
        }
    }

    /** The server process and its lab hosts, seen from /proc, jcmd and the cgroup tree. */
    static final class Server {
        record Snapshot(long rssBytes, long heapUsedBytes, int threads, Map<String, Integer> threadNames,
                long labBytes) {
            @Override
            public String toString() {
                return "rss " + mb(rssBytes) + ", heap " + mb(heapUsedBytes) + ", threads " + threads + ", lab hosts "
                        + mb(labBytes);
            }
        }

        private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

        private final long pid;
        private final Optional<Path> memory;
        private final Optional<Path> cpu;

        private Server(long pid, Optional<Path> memory, Optional<Path> cpu) {
            this.pid = pid;
            this.memory = memory;
            this.cpu = cpu;
        }

        static Server of(long pid) throws IOException {
            Optional<String> name = instanceCgroupName(pid);
            return new Server(pid, name.flatMap(n -> instanceCgroup(pid, n, "memory", "memory.usage_in_bytes",
                    "memory.current")), name.flatMap(n -> instanceCgroup(pid, n, "cpuacct", "cpuacct.usage", "cpu.stat")));
        }

        Optional<Path> memoryCgroup() {
            return memory;
        }

        Snapshot snapshot() throws IOException {
            // A full GC first, so that heap "used" is live data rather than garbage not yet collected.
            run("jcmd", Long.toString(pid), "GC.run");
            String heapInfo = run("jcmd", Long.toString(pid), "GC.heap_info");
            Matcher m = HEAP_USED.matcher(heapInfo);
            if (!m.find()) {
                throw new IllegalStateException("no heap \"used\" in jcmd GC.heap_info: " + heapInfo);
            }
            long heap = Long.parseLong(m.group(1)) * 1024;
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            long rss = statusField(status, "VmRSS") * 1024;
            int threads = (int) statusField(status, "Threads");
            long lab = -1;
            if (memory.isPresent()) {
                Path v1 = memory.get().resolve("memory.usage_in_bytes");
                lab = Long.parseLong(Files.readString(Files.exists(v1) ? v1 : memory.get().resolve("memory.current"))
                        .strip());
            }
            return new Snapshot(rss, heap, threads, threadNames(pid), lab);
        }

        Cpu.Sample cpu() throws IOException {
            double lab = Double.NaN;
            if (cpu.isPresent()) {
                Path v1 = cpu.get().resolve("cpuacct.usage");
                if (Files.exists(v1)) {
                    lab = Long.parseLong(Files.readString(v1).strip()) / 1e9;
                } else {
                    Matcher m = Pattern.compile("usage_usec (\\d+)").matcher(Files.readString(cpu.get().resolve("cpu.stat")));
                    lab = m.find() ? Long.parseLong(m.group(1)) / 1e6 : Double.NaN;
                }
            }
            double[] server = Cpu.processSeconds(Long.toString(pid));
            double[] client = Cpu.processSeconds("self");
            return new Cpu.Sample(System.nanoTime(), server[0], server[1], client[0], client[1], lab,
                    Cpu.machineBusySeconds());
        }

        /** Directories below the instance cgroup: one per lab host (and whatever the server keeps there). */
        int labHostCgroups() throws IOException {
            if (memory.isEmpty()) {
                return 0;
            }
            try (var children = Files.list(memory.get())) {
                return (int) children.filter(Files::isDirectory).count();
            }
        }

        /** Waits (at most a minute) until the lab hosts' cgroups are gone: their teardowns have finished. */
        void awaitTeardowns(int baseline) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            try {
                while (labHostCgroups() > baseline) {
                    if (System.nanoTime() > deadline) {
                        progress("lab host teardowns still running after 60 s");
                        return;
                    }
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                progress("could not wait for teardowns: " + e);
            }
        }

        private static long statusField(String status, String name) {
            Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
            if (!m.find()) {
                throw new IllegalStateException("no " + name + " in /proc/<pid>/status");
            }
            return Long.parseLong(m.group(1));
        }

        static Map<String, Integer> threadNames(long pid) throws IOException {
            Map<String, Integer> names = new TreeMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
                        names.merge(name, 1, Integer::sum);
                    } catch (IOException gone) {
                        // the thread ended while we listed
                    }
                }
            }
            return names;
        }

        static String threadDelta(Map<String, Integer> before, Map<String, Integer> after) {
            Map<String, Integer> delta = new LinkedHashMap<>();
            TreeMap<String, Integer> all = new TreeMap<>(after);
            before.keySet().forEach(k -> all.putIfAbsent(k, 0));
            all.forEach((name, count) -> {
                int d = count - before.getOrDefault(name, 0);
                if (d != 0) {
                    delta.put(name, d);
                }
            });
            List<String> parts = new ArrayList<>();
            delta.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> parts.add("`" + e.getKey() + "` " + (e.getValue() > 0 ? "+" : "") + e.getValue()));
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }

        /** {@code glassbox-<instance>}, the instance name being in the server's data dir. */
        private static Optional<String> instanceCgroupName(long pid) throws IOException {
            Path instance = Path.of(dataDir(pid), "instance");
            return Files.exists(instance) ? Optional.of("glassbox-" + Files.readString(instance).strip())
                    : Optional.empty();
        }

        /** The server's data dir, from its command line (-Dglassbox.data-dir=...), else the default. */
        private static String dataDir(long pid) throws IOException {
            String cmdline = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
            for (String arg : cmdline.split("\0")) {
                if (arg.startsWith("-Dglassbox.data-dir=")) {
                    return arg.substring("-Dglassbox.data-dir=".length());
                }
            }
            return "/var/lib/glassbox";
        }

        /**
         * The instance cgroup {@code name} for {@code controller}: below the server's own cgroup of that
         * controller (cgroup v1, e.g. /sys/fs/cgroup/memory/<server's>/glassbox-...) or below its unified
         * cgroup (v2); found by one of {@code files}.
         */
        private static Optional<Path> instanceCgroup(long pid, String name, String controller, String v1File,
                String v2File) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
                    String[] parts = line.split(":", 3);
                    List<Path> candidates = new ArrayList<>();
                    if (Arrays.asList(parts[1].split(",")).contains(controller)) {
                        candidates.add(Path.of("/sys/fs/cgroup", controller + parts[2], name));
                        candidates.add(Path.of("/sys/fs/cgroup", parts[1] + parts[2], name)); // e.g. cpu,cpuacct
                    } else if (parts[0].equals("0") && parts[1].isEmpty()) {
                        candidates.add(Path.of("/sys/fs/cgroup" + parts[2], name));
                    }
                    for (Path candidate : candidates) {
                        if (Files.exists(candidate.resolve(v1File)) || Files.exists(candidate.resolve(v2File))) {
                            return Optional.of(candidate.normalize());
                        }
                    }
                }
            } catch (IOException e) {
                progress("cannot read /proc/" + pid + "/cgroup: " + e);
            }
            return Optional.empty();
        }
    }

    /** The Markdown table: metric | value | target, a target cell saying whether it was met. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        void row(String metric, String value, String target, Boolean met) {
            String cell = target.isEmpty() ? "" : target + (met == null ? "" : met ? " ✅" : " ❌ missed");
            rows.add(new String[] {metric, value, cell});
        }

        static String render(Table... tables) {
            StringBuilder out = new StringBuilder("| Metric | Value | Target |\n|---|---:|---|\n");
            for (String[] row : Arrays.stream(tables).flatMap(t -> t.rows.stream()).toList()) {
                // A | inside a cell (a shell pipe) would end the cell; GitHub Markdown takes \| for it.
                out.append("| ").append(String.join(" | ", Arrays.stream(row).map(c -> c.replace("|", "\\|"))
                        .toArray(String[]::new))).append(" |\n");
            }
            return out.toString();
        }
    }
}
