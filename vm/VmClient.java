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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The VM job's client (vm/guest-job.sh): drives the Glassbox server installed in the guest through its public
 * HTTP and WebSocket API, as a browser would; JDK only, compiled on the host by vm/run.sh.
 *
 * <pre>
 *   VmClient URL lessons ID,ID,...   every stage: each check fails before, Show me types the solve, the stage passes
 *   VmClient URL attacks CGROUP_DIR  memory hog, fork bomb, cgroup flood (CGROUP_DIR: the service's cgroup)
 *   VmClient URL cycles N            N sessions created, used and deleted one after another
 *   VmClient URL create N FILE       starts N sessions and writes "id token" lines to FILE
 *   VmClient URL gone FILE           every session in FILE answers 404
 * </pre>
 * Prints a table or one line per item and exits 1 if anything failed.
 */
public class VmClient {

    private static final Duration STAGE_TIMEOUT = Duration.ofMinutes(4);
    /** A lesson with starts-from replays another lesson's stages first: lesson 15's four take minutes here. */
    private static final Duration STARTING_POINT_TIMEOUT = Duration.ofMinutes(15);
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    VmClient(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        VmClient client = new VmClient(args[0]);
        boolean ok = switch (args[1]) {
            case "lessons" -> client.lessons(List.of(args[2].split(",")));
            case "attacks" -> client.attacks(Path.of(args[2]));
            case "cycles" -> client.cycles(Integer.parseInt(args[2]));
            case "create" -> client.create(Integer.parseInt(args[2]), Path.of(args[3]));
            case "gone" -> client.gone(Path.of(args[2]));
            default -> throw new IllegalArgumentException("no command " + args[1]);
        };
        System.exit(ok ? 0 : 1);
    }

    // ------------------------------------------------------------------------------------------------ lessons

    boolean lessons(List<String> ids) throws Exception {
        List<String[]> rows = new ArrayList<>();
        boolean ok = true;
        for (String lessonId : ids) {
            Map<String, Object> lesson = json(get("/api/lessons/" + lessonId, null));
            Session session = Session.start(this, "{\"lesson\":\"" + lessonId + "\"}");
            try {
                for (Object stageObject : list(lesson.get("stages"))) {
                    String stage = (String) map(stageObject).get("id");
                    long started = System.nanoTime();
                    String problem = proveStage(session, stage);
                    ok &= problem == null;
                    rows.add(new String[] {lessonId, stage, problem == null ? "correct" : "FAILED: " + problem,
                            String.format("%.1f", (System.nanoTime() - started) / 1e9)});
                    System.err.printf("  %s %s: %s%n", lessonId, stage, rows.get(rows.size() - 1)[2]);
                    if (problem != null) {
                        break;
                    }
                }
            } finally {
                session.delete();
            }
        }
        System.out.println("| lesson | stage | result | seconds |");
        System.out.println("|---|---|---|---|");
        rows.forEach(row -> System.out.println("| " + String.join(" | ", row) + " |"));
        return ok;
    }

    /** The lesson runner's rule through the API: every check fails before, Show me solves, the stage passes. */
    private String proveStage(Session session, String stage) throws Exception {
        // 409 while the lab host is still being brought to its starting point (a lesson with starts-from).
        long replayDeadline = System.nanoTime() + STARTING_POINT_TIMEOUT.toNanos();
        HttpResponse<String> first;
        while ((first = session.post("/check", "")).statusCode() == 409 && System.nanoTime() < replayDeadline) {
            Thread.sleep(2000);
        }
        Map<String, Object> before = json(first);
        if (!stage.equals(before.get("stage"))) {
            return "the session is at stage " + before.get("stage") + ", not " + stage;
        }
        for (Object result : list(before.get("results"))) {
            if (Boolean.TRUE.equals(map(result).get("passed"))) {
                return "check " + map(result).get("id") + " passed before the stage was solved";
            }
        }
        long deadline = System.nanoTime() + STAGE_TIMEOUT.toNanos();
        HttpResponse<String> solve;
        while ((solve = session.post("/solve", "")).statusCode() == 409 && System.nanoTime() < deadline) {
            Thread.sleep(500); // Show me of the previous stage is still typing its last lines
        }
        if (solve.statusCode() != 202) {
            return "Show me answered " + solve.statusCode() + ": " + solve.body();
        }
        Map<String, Object> last = before;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            last = json(session.post("/check", ""));
            if (list(last.get("passedStages")).contains(stage)) {
                return null;
            }
        }
        StringBuilder failing = new StringBuilder();
        for (Object result : list(last.get("results"))) {
            if (!Boolean.TRUE.equals(map(result).get("passed"))) {
                failing.append(map(result).get("id")).append(": ").append(map(result).get("message")).append("; ");
            }
        }
        return "not passed within " + STAGE_TIMEOUT.toSeconds() + " s after Show me: " + failing;
    }

    // ------------------------------------------------------------------------------------------------ attacks

    /** Each attack in a lab host of its own, deleted afterwards (a fork bomb's processes outlive its timeout). */
    boolean attacks(Path serviceCgroup) throws Exception {
        boolean ok = true;
        System.out.println("| attack | expected | observed | result |");
        System.out.println("|---|---|---|---|");
        Session lab = Session.start(this, "{}");
        try {
            lab.connect();
            long killsBefore = events(serviceCgroup, "memory.events", "oom_kill");
            String hog = lab.run("tail /dev/zero; echo rc=$?", Duration.ofSeconds(120));
            String alive = lab.run("echo alive-$((3+4))", Duration.ofSeconds(60));
            long kills = events(serviceCgroup, "memory.events", "oom_kill") - killsBefore;
            ok &= row("memory hog (tail /dev/zero)", "OOM-killed in its cgroup (memory.events oom_kill); shell and server live",
                    oneLine(hog) + "; oom_kill +" + kills + "; then " + oneLine(alive) + "; server ready: " + ready(),
                    hog.contains("rc=137") && kills > 0 && alive.contains("alive-7") && ready());
        } finally {
            lab.delete();
        }

        lab = Session.start(this, "{}");
        try {
            lab.connect();
            long refusalsBefore = events(serviceCgroup, "pids.events", "max");
            String bomb = lab.run("timeout -s KILL 8 bash -c 'b(){ b|b& };b' 2>/dev/null; sleep 2; echo bomb-$((6+1))-over",
                    Duration.ofSeconds(180));
            String after = lab.run("echo ok-$((1+1))", Duration.ofSeconds(120));
            long refusals = events(serviceCgroup, "pids.events", "max") - refusalsBefore;
            Session other = Session.start(this, "{}");
            other.connect();
            String otherEcho = other.run("echo other-$((7*7))", Duration.ofSeconds(120));
            other.delete();
            if (!otherEcho.contains("other-49")) {
                System.out.println("the new session's whole output, escaped: " + other.transcript());
            }
            ok &= row("fork bomb (8 s)", "held at the lab's pids cap; the lab and a new session work",
                    "forks refused (pids.events max) +" + refusals + "; bomb "
                            + (bomb.contains("bomb-7-over") ? "ended" : "DID NOT END") + "; afterwards: " + lastLine(after) + "; new session: " + oneLine(otherEcho) + "; server ready: "
                            + ready(),
                    bomb.contains("bomb-7-over") && after.contains("ok-2") && refusals > 0
                            && otherEcho.contains("other-49") && ready());
        } finally {
            lab.delete();
        }

        lab = Session.start(this, "{}");
        try {
            lab.connect();
            String flood = lab.run("cd /sys/fs/cgroup && timeout 60 mkdir $(seq -f x%g 1000) 2>/tmp/err;"
                    + " echo made=$(ls -d x* | wc -l) refused=$(grep -c . /tmp/err) first: $(sed -n 1p /tmp/err);"
                    + " rmdir x* 2>/dev/null; cd /", Duration.ofSeconds(180));
            Matcher made = Pattern.compile("made=(\\d+) refused=(\\d+)").matcher(flood);
            boolean refused = made.find() && Integer.parseInt(made.group(1)) <= 256 && Integer.parseInt(made.group(2)) > 0;
            ok &= row("1,000 child cgroups", "cgroup.max.descendants refuses past the cap (256)",
                    oneLine(flood) + "; server ready: " + ready(), refused && ready());
        } finally {
            lab.delete();
        }
        return ok;
    }

    /** The sum of {@code key} in every {@code file} beneath {@code root} (memory.events oom_kill, pids.events max). */
    private static long events(Path root, String file, String key) throws Exception {
        long sum = 0;
        Pattern line = Pattern.compile("(?m)^" + key + " (\\d+)");
        try (var files = Files.walk(root)) {
            for (Path events : files.filter(f -> f.getFileName().toString().equals(file)).toList()) {
                try {
                    Matcher m = line.matcher(Files.readString(events));
                    sum += m.find() ? Long.parseLong(m.group(1)) : 0;
                } catch (java.io.IOException gone) {
                    // a lab host's cgroup removed while walking
                }
            }
        } catch (java.io.UncheckedIOException gone) {
            // idem
        }
        return sum;
    }

    private static boolean row(String attack, String expected, String observed, boolean passed) {
        System.out.println("| " + attack + " | " + expected + " | " + observed.replace("|", "/") + " | "
                + (passed ? "contained" : "NOT CONTAINED") + " |");
        return passed;
    }

    // ------------------------------------------------------------------------------------- cycles and restarts

    boolean cycles(int n) throws Exception {
        long started = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            Session s = Session.start(this, "{}");
            s.connect();
            String out = s.run("echo cycle-$((" + i + "*2))", Duration.ofSeconds(90));
            s.delete();
            if (!out.contains("cycle-" + (i * 2))) {
                System.out.println("cycle " + i + ": the shell did not answer: " + oneLine(out));
                return false;
            }
            if (!s.awaitGone(Duration.ofSeconds(60))) {
                System.out.println("cycle " + i + ": session " + s.id + " still answers 60 s after DELETE");
                return false;
            }
        }
        System.out.printf("%d sessions created, used and deleted in %.0f s%n", n, (System.nanoTime() - started) / 1e9);
        return true;
    }

    boolean create(int n, Path file) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Session s = Session.start(this, "{}");
            s.connect();
            s.run("sleep 1000 & echo started-$((5*5))", Duration.ofSeconds(90));
            lines.append(s.id).append(' ').append(s.token).append('\n');
        }
        Files.writeString(file, lines);
        System.out.println(n + " sessions started (each with a background sleep)");
        return true;
    }

    boolean gone(Path file) throws Exception {
        boolean ok = true;
        for (String line : Files.readAllLines(file)) {
            String[] idToken = line.split(" ");
            int status = get("/api/sessions/" + idToken[0], idToken[1]).statusCode();
            System.out.println("session " + idToken[0].substring(0, 8) + "...: " + status);
            ok &= status == 404;
        }
        return ok;
    }

    private boolean ready() {
        try {
            return get("/q/health/ready", null).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    // --------------------------------------------------------------------------------------------------- HTTP

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A session and its first terminal. */
    static final class Session implements WebSocket.Listener {
        final VmClient client;
        final String id;
        final String token;
        final String terminalUrl;
        private final StringBuilder output = new StringBuilder();
        private final Object sending = new Object();
        private long received;
        private long marks;
        private long acked;
        private WebSocket socket;

        private Session(VmClient client, Map<String, Object> created) {
            this.client = client;
            this.id = (String) created.get("id");
            this.token = (String) created.get("token");
            this.terminalUrl = (String) created.get("terminalUrl");
        }

        static Session start(VmClient client, String body) throws Exception {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> created = client.send("POST", "/api/sessions", null, body);
                if (created.statusCode() == 201) {
                    return new Session(client, json(created));
                }
                if ((created.statusCode() == 503 || created.statusCode() == 429) && attempt < 60) {
                    Thread.sleep(2000); // a deleted session holds its slot until it is torn down
                    continue;
                }
                throw new IllegalStateException("POST /api/sessions answered " + created.statusCode() + ": " + created.body());
            }
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return client.send("POST", "/api/sessions/" + id + path, token, body.isEmpty() ? "{}" : body);
        }

        void delete() throws Exception {
            if (socket != null) {
                socket.abort();
            }
            client.send("DELETE", "/api/sessions/" + id, token, "");
        }

        boolean awaitGone(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (client.get("/api/sessions/" + id, token).statusCode() == 404) {
                    return true;
                }
                Thread.sleep(250);
            }
            return false;
        }

        void connect() throws Exception {
            socket = client.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
                    .buildAsync(URI.create(client.base.replaceFirst("^http", "ws") + terminalUrl), this)
                    .get(120, java.util.concurrent.TimeUnit.SECONDS);
            // Wide enough that no typed line wraps, so its echo ends at the first newline.
            send(() -> socket.sendText("{\"type\":\"resize\",\"cols\":500,\"rows\":40}", true));
        }

        /**
         * Types {@code command} between echoes of two fresh markers worked out by the shell, and answers the output
         * between them. The typed line shows the markers' arithmetic, never their values, so no echo of it (a shell
         * not yet at its prompt echoes typed-ahead keys twice, and readline redraws the line after a resize, ending it
         * with a carriage return alone) can be taken for output.
         */
        String run(String command, Duration timeout) throws Exception {
            int start;
            long mark;
            synchronized (this) {
                start = output.length();
                mark = ++marks;
            }
            send(() -> socket.sendBinary(ByteBuffer.wrap(("echo gb-from-$((" + mark + "+2000)); " + command
                    + "; echo gb-mark-$((" + mark + "+1000))\r").getBytes(StandardCharsets.UTF_8)), true));
            String from = "gb-from-" + (mark + 2000);
            String expect = "gb-mark-" + (mark + 1000);
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (System.nanoTime() < deadline) {
                    int found = output.indexOf(expect, start);
                    if (found >= 0) {
                        int begin = output.lastIndexOf(from, found);
                        return output.substring(begin >= start ? begin + from.length() : start, found);
                    }
                    wait(200);
                }
                return output.substring(start) + " (timed out after " + timeout.toSeconds() + " s)";
            }
        }

        /** Everything received so far, control characters escaped (\\r, \\n, \\e, \\xNN): what a failure shows. */
        synchronized String transcript() {
            StringBuilder escaped = new StringBuilder();
            output.chars().forEach(c -> escaped.append(switch (c) {
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                case 0x1b -> "\\e";
                default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c);
            }));
            return escaped.toString();
        }

        /** One send at a time: the JDK's WebSocket refuses a send while another is pending. */
        private void send(java.util.function.Supplier<java.util.concurrent.CompletableFuture<WebSocket>> send) {
            synchronized (sending) {
                send.get().join();
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (this) {
                output.append(new String(bytes, StandardCharsets.UTF_8));
                received += bytes.length;
                notifyAll();
            }
            // Flow control: everything received is processed at once; acknowledged every 32 KiB.
            long offset = offset();
            if (offset - acked >= 32768) {
                acked = offset;
                send(() -> webSocket.sendText("{\"type\":\"ack\",\"offset\":" + offset + "}", true));
            }
            webSocket.request(1);
            return null;
        }

        private long helloOffset;

        private synchronized long offset() {
            return helloOffset + received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            Matcher hello = Pattern.compile("\"type\"\\s*:\\s*\"hello\".*?\"offset\"\\s*:\\s*(\\d+)").matcher(data);
            if (hello.find()) {
                synchronized (this) {
                    helloOffset = Long.parseLong(hello.group(1)) - received;
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    // --------------------------------------------------------------------------------------------------- JSON

    static String lastLine(String text) {
        List<String> lines = text.replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]", "").lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : oneLine(lines.get(lines.size() - 1));
    }

    static String oneLine(String text) {
        String plain = text.replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]", "").replaceAll("\\s+", " ").strip();
        return plain.length() > 240 ? plain.substring(0, 240) + "..." : plain;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return map(new Json(response.body()).value());
    }

    /** Just enough JSON for the API's answers. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    i++; // ':'
                    m.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> Double.parseDouble(word);
            };
        }

        private String string() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
