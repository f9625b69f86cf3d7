package io.glassbox.bench;

import io.glassbox.client.TerminalClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Glassbox workshop benchmark: a class arriving at once (joining, then each learner's first lab host), the
 * instructor's live dashboard with a full room, and the fast-forward of a fresh lab host to each lesson's last
 * stage. Prints Markdown tables; see docs/benchmarks.md, "Workshop benchmark".
 *
 * <p>Run by {@code ./glassbox bench workshop}, which starts a server of its own on a fresh workshop database; by
 * hand: {@code java -cp target/bench-classes io.glassbox.bench.WorkshopBenchmark http://localhost:8090 <dataDir> <serverPid>} against a server
 * with no instructor yet (the one-time setup token is read from {@code <dataDir>/setup-token}). JDK only.
 */
public final class WorkshopBenchmark {

    static final int LEARNERS = 200;
    static final long ARRIVAL_INTERVAL_MS = 50;
    static final List<String> STAMPEDE_LESSONS = List.of("02-uts-namespace", "03-pid-namespace");
    static final int ROSTER_REPEATS = 10;
    static final int HINTS = 50;
    static final Duration FAST_FORWARD_LIMIT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -cp target/bench-classes io.glassbox.bench.WorkshopBenchmark <baseUrl> <dataDir> <serverPid>");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        long pid = Long.parseLong(args[2]);
        Api api = new Api(base);
        Table stampede = Table.captioned("Join stampede: " + LEARNERS + " learners arriving within "
                + LEARNERS * ARRIVAL_INTERVAL_MS / 1000 + " s", "lr", "Metric", "Value");
        Table dashboard = Table.captioned("Dashboard with " + LEARNERS + " learners", "lr", "Metric", "Value");
        Table fastForward = Table.captioned("Fast-forward of a fresh lab host to each lesson's last stage, one at a time",
                "lrrrl", "Lesson → stage", "Stages replayed", "Solve lines typed", "POST → ready", "Result");
        List<String> notes = new ArrayList<>();
        BenchmarkRun.execute("Glassbox workshop benchmark", base, List.of(stampede, dashboard, fastForward), notes, () -> {
            api.setUpInstructor(Path.of(args[1]).resolve("setup-token"));
            Workshop room = api.createWorkshop("Benchmark: stampede", STAMPEDE_LESSONS);
            stampede.row("Server RSS before", mb(Procfs.rss(pid)));
            double cpu = Procfs.cpuSeconds(pid);
            long t = System.nanoTime();
            List<Arrival> arrivals = stampede(api, room, stampede, notes);
            stampede.row("Server CPU time (user + system) during it, over " + seconds(System.nanoTime() - t) + " of wall time",
                    String.format("%.1f s", Procfs.cpuSeconds(pid) - cpu));
            stampede.row("Server RSS after (" + api.live.size() + " lab hosts running)", mb(Procfs.rss(pid)));
            dashboard(api, room, arrivals, dashboard);
            endAll(api, stampede);
            fastForwards(api, fastForward);
        }, () -> {
            api.deleteAll();
            awaitIdle(api, Duration.ofMinutes(3));
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // 1. Join stampede

    /** One learner's arrival: joining, then starting the workshop's first lesson as the learner page does. */
    record Arrival(Learner learner, long joinNanos, int joinStatus, Session session, long startNanos, int startStatus,
            long answeredAt, String problem) {
    }

    static List<Arrival> stampede(Api api, Workshop room, Table table, List<String> notes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LEARNERS);
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        List<Future<Arrival>> futures = new ArrayList<>();
        for (int i = 0; i < LEARNERS; i++) {
            long at = t0 + TimeUnit.MILLISECONDS.toNanos(i * ARRIVAL_INTERVAL_MS);
            String name = String.format("Learner %03d", i + 1);
            futures.add(pool.submit(() -> {
                TimeUnit.NANOSECONDS.sleep(at - System.nanoTime());
                return arrive(api, room, name, t0);
            }));
        }
        List<Arrival> arrivals = new ArrayList<>();
        for (Future<Arrival> future : futures) {
            arrivals.add(future.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();
        report(arrivals, table, notes);
        return arrivals;
    }

    static Arrival arrive(Api api, Workshop room, String name, long t0) {
        long t = System.nanoTime();
        Reply join = api.send("POST", "/api/workshops/join", Json.object("code", room.code(), "name", name), null);
        long joined = System.nanoTime() - t;
        if (join.status() != 201) {
            return new Arrival(null, joined, join.status(), null, 0, 0, 0, "join: " + join);
        }
        Learner learner = Learner.of(join);
        t = System.nanoTime();
        Reply start = api.send("POST", "/api/sessions", Json.object("lesson", room.lessons().get(0)), learner.cookie());
        long now = System.nanoTime();
        Session session = start.status() == 201 ? api.remember(start) : null;
        boolean fine = start.status() == 201 || start.status() == 503 && cleanRefusal(start);
        return new Arrival(learner, joined, 201, session, now - t, start.status(), now - t0,
                fine ? null : "session: " + start + "; Retry-After: " + start.header("Retry-After"));
    }

    /** A 503 as the learner page expects it: a JSON message to show, and when to try again. */
    static boolean cleanRefusal(Reply reply) {
        String message = Json.text(reply.body(), "message");
        return message != null && !message.isBlank() && reply.header("Retry-After") != null;
    }

    static void report(List<Arrival> arrivals, Table table, List<String> notes) {
        Percentiles join = new Percentiles();
        Percentiles started = new Percentiles();
        Percentiles refused = new Percentiles();
        arrivals.forEach(a -> join.add(a.joinNanos()));
        arrivals.stream().filter(a -> a.session() != null).forEach(a -> started.add(a.startNanos()));
        arrivals.stream().filter(a -> a.startStatus() == 503 && a.problem() == null).forEach(a -> refused.add(a.startNanos()));
        long joinErrors = arrivals.stream().filter(a -> a.joinStatus() != 201).count();
        long startErrors = arrivals.stream().filter(a -> a.joinStatus() == 201 && a.problem() != null).count();
        long lastStarted = arrivals.stream().filter(a -> a.session() != null).mapToLong(Arrival::answeredAt).max().orElse(0);
        BenchmarkRun.progress("stampede: join " + join.ms(50, 99) + "; " + started.count() + " lab hosts " + started.ms(50, 99) + "; "
                + refused.count() + " clean 503s; errors: " + joinErrors + " joins, " + startErrors + " session starts");
        table.row("Join (POST /api/workshops/join) p50 / p95 / p99 / max, n=" + join.count(), join.ms(50, 95, 99, 100));
        table.row("Join errors (any answer but 201)", Long.toString(joinErrors));
        table.row("Lab host started (POST /api/sessions → 201)", Integer.toString(started.count()));
        table.row("↳ session start p50 / p99 of those", started.ms(50, 99));
        table.row("↳ the last of them answered, after the first learner arrived", seconds(lastStarted));
        table.row("Refused cleanly (503 with a JSON message and Retry-After)", Integer.toString(refused.count()));
        table.row("↳ answered in, p50 / p99", refused.ms(50, 99));
        table.row("Session start errors (other answers, or a 503 without message or Retry-After)",
                Long.toString(startErrors));
        arrivals.stream().filter(a -> a.problem() != null).limit(5)
                .forEach(a -> notes.add("Stampede error: " + abbreviate(a.problem(), 300)));
    }

    /** Ends every lab host of the stampede and waits until the server has torn them down. */
    static void endAll(Api api, Table table) {
        int count = api.live.size();
        long t = System.nanoTime();
        Percentiles deletes = api.deleteAll();
        String idle = awaitIdle(api, Duration.ofMinutes(3)) ? seconds(System.nanoTime() - t) : "not within 3 min";
        table.row("Ending the " + count + " lab hosts: DELETE p50 / max; until GET /api/host shows none",
                deletes.ms(50, 100) + "; " + idle);
    }

    // ----------------------------------------------------------------------------------------------------
    // 2. Dashboard

    /** An open dashboard: its live feed, and what the first message (the roster) took. */
    record Dashboard(Socket socket, long rosterNanos, int rosterBytes, int learners) {
    }

    /** A learner's row the benchmark waits for: {@code hints} hints or more. */
    record Waiter(String learner, int hints, CompletableFuture<Long> seen) {
    }

    static void dashboard(Api api, Workshop room, List<Arrival> arrivals, Table table) throws Exception {
        List<Waiter> waiters = Collections.synchronizedList(new ArrayList<>());
        Dashboard first = openDashboard(api, room, waiters);
        try {
            table.row("First live message (roster, " + first.learners() + " learners): size",
                    String.format("%,d bytes", first.rosterBytes()));
            table.row("↳ time from opening the WebSocket until it has arrived, first dashboard", ms(first.rosterNanos()));
            Percentiles again = new Percentiles();
            Percentiles get = new Percentiles();
            for (int i = 0; i < ROSTER_REPEATS; i++) {
                Dashboard other = openDashboard(api, room, waiters);
                again.add(other.rosterNanos());
                other.socket().close();
                long t = System.nanoTime();
                api.expect(200, "GET", "/api/workshops/" + room.id() + "/roster", null, api.staffCookie);
                get.add(System.nanoTime() - t);
            }
            table.row("↳ the same for " + ROSTER_REPEATS + " dashboards opened after it, p50", again.ms(50));
            table.row("GET /api/workshops/{id}/roster p50 (n=" + ROSTER_REPEATS + ")", get.ms(50));
            Percentiles hints = hints(api, waiters, arrivals);
            BenchmarkRun.progress("dashboard: roster " + again.ms(50) + ", GET " + get.ms(50) + "; hint → row " + hints.ms(50, 99, 100));
            table.row("Hint (POST /api/sessions/{id}/hint) → learner row on the dashboard, p50 / p95 / p99 / max, n="
                    + hints.count(), hints.ms(50, 95, 99, 100));
        } finally {
            first.socket().close();
        }
    }

    /** Opens the live feed with the staff cookie, as the dashboard page's browser does, and waits for the roster. */
    static Dashboard openDashboard(Api api, Workshop room, List<Waiter> waiters) throws Exception {
        CompletableFuture<String> roster = new CompletableFuture<>();
        long[] rosterAt = new long[1];
        long t = System.nanoTime();
        Socket socket = Socket.open(api, "/api/workshops/" + room.id() + "/live", api.staffCookie, (json, at) -> {
            String type = Json.text(json, "type");
            if ("roster".equals(type) && !roster.isDone()) {
                rosterAt[0] = at;
                roster.complete(json);
            } else if ("learner".equals(type)) {
                String id = Json.text(json.substring(json.indexOf("\"learner\":")), "id");
                long hints = Json.number(json, "hintsUsed");
                waiters.removeIf(w -> w.learner().equals(id) && hints >= w.hints() && w.seen().complete(at));
            }
        });
        String json = roster.get(60, TimeUnit.SECONDS);
        return new Dashboard(socket, rosterAt[0] - t, json.getBytes(StandardCharsets.UTF_8).length,
                Json.texts(json, "joinedAt").size()); // one joinedAt per learner row
    }

    /** Learners holding a lab host record a hint, one after another; each until a dashboard shows its count. */
    static Percentiles hints(Api api, List<Waiter> waiters, List<Arrival> arrivals) throws Exception {
        List<Arrival> running = arrivals.stream().filter(a -> a.session() != null).toList();
        if (running.isEmpty()) {
            throw new AssertionError("no learner got a lab host in the stampede, so none can take a hint");
        }
        Map<String, Integer> hintsUsed = new LinkedHashMap<>();
        Percentiles stats = new Percentiles();
        for (int i = 0; i < HINTS; i++) {
            Arrival a = running.get(i % running.size());
            Waiter waiter = new Waiter(a.learner().id(), hintsUsed.merge(a.learner().id(), 1, Integer::sum),
                    new CompletableFuture<>());
            waiters.add(waiter);
            long t = System.nanoTime();
            api.expect(204, "POST", "/api/sessions/" + a.session().id() + "/hint", Json.object("stage",
                    a.session().stage(), "hint", 0), null, "Authorization", "Bearer " + a.session().token());
            try {
                stats.add(waiter.seen().get(30, TimeUnit.SECONDS) - t);
            } catch (TimeoutException e) {
                throw new AssertionError("no dashboard showed " + a.learner().name() + "'s hint #" + waiter.hints()
                        + " within 30 s");
            }
            Thread.sleep(100);
        }
        return stats;
    }

    // ----------------------------------------------------------------------------------------------------
    // 3. Fast-forward

    record Outcome(int stages, long nanos, String result) {
    }

    static void fastForwards(Api api, Table table) throws Exception {
        List<String> lessons = Json.texts(api.expect(200, "GET", "/api/lessons", null, null).body(), "id");
        Workshop workshop = api.createWorkshop("Benchmark: fast-forward", lessons);
        // The roster's columns, {"lesson": ..., "stage": ..., "title": ...} for every stage in order, give the last.
        Map<String, String> lastStage = new LinkedHashMap<>();
        Pattern.compile("\\{\"lesson\":\"([^\"]+)\",\"stage\":\"([^\"]+)\",\"title\"")
                .matcher(api.expect(200, "GET", "/api/workshops/" + workshop.id() + "/roster", null, api.staffCookie).body())
                .results().forEach(m -> lastStage.put(m.group(1), m.group(2)));
        for (String lesson : lessons) {
            Outcome outcome = fastForward(api, workshop, lesson, lastStage.get(lesson));
            BenchmarkRun.progress("fast-forward " + lesson + ": " + outcome);
            table.row(lesson + " → " + lastStage.get(lesson), Integer.toString(outcome.stages()),
                    Integer.toString(solveLines(api, lesson, false)), outcome.nanos() < 0 ? "—" : seconds(outcome.nanos()),
                    outcome.result());
            awaitIdle(api, Duration.ofMinutes(2));
        }
    }

    /** The lines of solve scripts typed: of the stages before the last, and all of a starting point's (starts-from). */
    static int solveLines(Api api, String lesson, boolean withLast) {
        String detail = api.expect(200, "GET", "/api/lessons/" + lesson, null, null).body();
        List<Integer> lines = Json.texts(detail, "solve").stream().map(solve -> solve.strip().split("\n").length).toList();
        int sum = lines.stream().mapToInt(Integer::intValue).sum() - (withLast ? 0 : lines.get(lines.size() - 1));
        String from = Json.text(detail, "startsFrom");
        return from == null ? sum : sum + solveLines(api, from, true);
    }

    /** A learner joins, the instructor moves them to {@code stage}, the learner starts the lesson; until it is ready. */
    static Outcome fastForward(Api api, Workshop workshop, String lesson, String stage) throws Exception {
        Learner learner = Learner.of(api.expect(201, "POST", "/api/workshops/join",
                Json.object("code", workshop.code(), "name", "FF " + lesson), null));
        api.expect(204, "POST", "/api/workshops/" + workshop.id() + "/learners/" + learner.id() + "/fast-forward",
                Json.object("lesson", lesson, "stage", stage), api.staffCookie);
        long t0 = System.nanoTime();
        Session session = api.remember(api.expect(201, "POST", "/api/sessions", Json.object("lesson", lesson),
                learner.cookie()));
        // The fast-forward cannot end before the terminal is attached: it waits for the shell's first prompt, then
        // for 300 ms of quiet after each line it types.
        CompletableFuture<String> end = new CompletableFuture<>();
        long[] endAt = new long[1];
        String[] last = {"none"};
        Socket terminal = Socket.open(api, session.terminalUrl(), null, (json, at) -> {
            if ("fast-forward".equals(Json.text(json, "type"))) {
                last[0] = json;
                if (!"replaying".equals(Json.text(json, "phase"))) {
                    endAt[0] = at;
                    end.complete(json);
                }
            }
        });
        try {
            if (session.fastForwardTotal() == 0) {
                return new Outcome(0, -1, "nothing to replay");
            }
            String push = CompletableFuture.anyOf(end, terminal.closed).get(FAST_FORWARD_LIMIT.toSeconds(),
                    TimeUnit.SECONDS).toString();
            if (!end.isDone()) {
                return new Outcome(session.fastForwardTotal(), -1, "the terminal closed: " + push);
            }
            String message = Json.text(push, "message");
            return new Outcome(session.fastForwardTotal(), endAt[0] - t0,
                    Json.text(push, "phase") + (message == null ? "" : ": " + message));
        } catch (TimeoutException e) {
            return new Outcome(session.fastForwardTotal(), -1, "neither ready nor failed within "
                    + FAST_FORWARD_LIMIT.toMinutes() + " min; last push: " + last[0]);
        } finally {
            terminal.close();
            api.delete(session);
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // The API

    record Workshop(String id, String code, List<String> lessons) {
    }

    record Learner(String id, String name, String cookie) {
        static Learner of(Reply join) {
            String learner = join.body().substring(join.body().indexOf("\"learner\":"));
            return new Learner(Json.text(learner, "id"), Json.text(learner, "name"), join.cookie("glassbox_learner"));
        }
    }

    record Session(String id, String token, String terminalUrl, String stage, int fastForwardTotal) {
    }

    /** An answer, or status -1 with the exception as body when none came. */
    record Reply(String request, int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response == null ? null : response.headers().firstValue(name).orElse(null);
        }

        /** "name=value" of the Set-Cookie for {@code name}: what a browser sends back in its Cookie header. */
        String cookie(String name) {
            return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                    .map(c -> c.split(";", 2)[0]).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + name + " cookie: " + this));
        }

        @Override
        public String toString() {
            return request + ": " + status + " " + abbreviate(body, 200);
        }
    }

    /** The HTTP API with the instructor's cookie; remembers every session it started so that none is left behind. */
    static final class Api {
        final URI base;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        final Map<String, Session> live = new ConcurrentHashMap<>();
        String staffCookie;

        Api(URI base) {
            this.base = base;
        }

        /** Sends a request with a JSON body (or none) and a Cookie header (or none); {@code headers}: name, value, ... */
        Reply send(String method, String path, String json, String cookie, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            if (headers.length > 0) {
                request.headers(headers);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(method + " " + path, response.statusCode(), response.body(), response);
            } catch (IOException | InterruptedException e) {
                return new Reply(method + " " + path, -1, e.toString(), null);
            }
        }

        /** Sends a request that must answer {@code status}. */
        Reply expect(int status, String method, String path, String json, String cookie, String... headers) {
            Reply reply = send(method, path, json, cookie, headers);
            if (reply.status() != status) {
                throw new AssertionError("expected " + status + ": " + reply);
            }
            return reply;
        }

        void setUpInstructor(Path tokenFile) throws IOException {
            if (!Files.exists(tokenFile)) {
                throw new IllegalStateException(tokenFile + " is missing: the server needs a fresh workshop database"
                        + " (./glassbox bench workshop deletes <data dir>/db before it starts the server)");
            }
            byte[] password = new byte[12];
            new SecureRandom().nextBytes(password);
            staffCookie = expect(201, "POST", "/api/staff/setup", Json.object("token", Files.readString(tokenFile).strip(),
                    "username", "bench", "password", HexFormat.of().formatHex(password)), null).cookie("glassbox_staff");
        }

        Workshop createWorkshop(String title, List<String> lessons) {
            String workshop = expect(201, "POST", "/api/workshops", Json.object("title", title, "language", "en",
                    "lessons", lessons), staffCookie).body();
            return new Workshop(Json.text(workshop, "id"), Json.text(workshop, "code"), lessons);
        }

        /** The session of a 201 from POST /api/sessions, remembered until it is deleted. */
        Session remember(Reply created) {
            // The first "id" and "stage" are the session's; "total" is only in "fastForward", when there is one.
            String s = created.body();
            Session session = new Session(Json.text(s, "id"), Json.text(s, "token"), Json.text(s, "terminalUrl"),
                    Json.text(s, "stage"), (int) Math.max(0, Json.number(s, "total")));
            live.put(session.id(), session);
            return session;
        }

        void delete(Session session) {
            Reply reply = send("DELETE", "/api/sessions/" + session.id(), null, null, "Authorization", "Bearer " + session.token());
            if (reply.status() != 202 && reply.status() != 404) {
                throw new IllegalStateException(reply.toString());
            }
            live.remove(session.id());
        }

        /** Deletes every session still live, on success and failure alike; how long each DELETE took. */
        Percentiles deleteAll() {
            Percentiles stats = new Percentiles();
            for (Session session : List.copyOf(live.values())) {
                long t = System.nanoTime();
                try {
                    delete(session);
                    stats.add(System.nanoTime() - t);
                } catch (RuntimeException e) {
                    BenchmarkRun.progress("could not delete session " + session.id() + ": " + e);
                }
            }
            return stats;
        }
    }

    /**
     * A live feed or terminal (io.glassbox.client.TerminalClient) handing each control message, with its arrival
     * time, to {@code onText}; terminal output is acknowledged every 64 KiB as the browser does.
     */
    record Socket(TerminalClient client, CompletableFuture<String> closed) {
        static Socket open(Api api, String path, String cookie, BiConsumer<String, Long> onText) {
            TerminalClient client = TerminalClient.open(api.base, path, cookie == null ? Map.of() : Map.of("Cookie", cookie),
                    TerminalClient.ACK_LIKE_BROWSER, Target.KEEP, onText);
            return new Socket(client, client.whenClosed().thenApply(Object::toString));
        }

        /** Closes as a browser closing its tab does: a close frame, the server's answer, then the connection. */
        void close() {
            client.close();
        }
    }

    /** Waits until no session runs and only warm lab hosts are alive (teardowns run in the background). */
    static boolean awaitIdle(Api api, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String host = "";
        try {
            while (System.nanoTime() < deadline) {
                host = api.expect(200, "GET", "/api/host", null, api.staffCookie).body(); // counts: staff only
                if (Json.number(host, "sessionsRunning") == 0
                        && Json.number(host, "labHostsAlive") <= Json.number(host, "sessionsWarm")) {
                    return true;
                }
                Thread.sleep(200);
            }
            BenchmarkRun.progress("the server is not idle after " + limit.toSeconds() + " s: sessions " + Json.number(host,
                    "sessionsRunning") + ", lab hosts " + Json.number(host, "labHostsAlive"));
        } catch (InterruptedException | RuntimeException | AssertionError e) {
            BenchmarkRun.progress("GET /api/host failed: " + e);
        }
        return false;
    }

    // ----------------------------------------------------------------------------------------------------
    // Helpers

    /**
     * The JSON this benchmark reads and writes. The answers' shapes are known (docs/workshop-api.md), so a regex
     * per field saves a JSON library: the first (or every) "field": value, wherever it is.
     */
    static final class Json {
        private static final String STRING = "\"((?:[^\"\\\\]++|\\\\.)*+)\"";
        private static final Pattern ESCAPE = Pattern.compile("\\\\(u[0-9a-fA-F]{4}|.)");

        static String text(String json, String field) {
            List<String> all = texts(json, field);
            return all.isEmpty() ? null : all.get(0);
        }

        /** Every string value of {@code field}, in order, unescaped. */
        static List<String> texts(String json, String field) {
            return Pattern.compile("\"" + field + "\"\\s*:\\s*" + STRING).matcher(json).results()
                    .map(m -> ESCAPE.matcher(m.group(1)).replaceAll(e -> Matcher.quoteReplacement(unescape(e.group(1)))))
                    .toList();
        }

        private static String unescape(String escape) {
            return switch (escape.charAt(0)) {
                case 'n' -> "\n";
                case 'r' -> "\r";
                case 't' -> "\t";
                case 'u' -> escape.length() == 5 ? String.valueOf((char) Integer.parseInt(escape.substring(1), 16)) : "u";
                default -> escape;
            };
        }

        /** The first number value of {@code field}, or -1. */
        static long number(String json, String field) {
            Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?\\d+)").matcher(json);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        /** {"k1": v1, ...} from alternating keys and values: strings, numbers, or lists of strings. */
        static String object(Object... pairs) {
            StringBuilder out = new StringBuilder("{");
            for (int k = 0; k < pairs.length; k += 2) {
                Object v = pairs[k + 1];
                out.append(k == 0 ? "" : ",").append(quote(pairs[k])).append(':').append(v instanceof List<?> list
                        ? list.stream().map(Json::quote).collect(Collectors.joining(",", "[", "]"))
                        : v instanceof String ? quote(v) : String.valueOf(v));
            }
            return out.append('}').toString();
        }

        static String quote(Object text) {
            return "\"" + ((String) text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }






    static String ms(double nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    static String seconds(double nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    static String mb(double bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }
}
