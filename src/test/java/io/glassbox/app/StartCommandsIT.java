package io.glassbox.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two ways a person starts Glassbox, run for real after the package phase: the README's start command
 * ({@code ./glassbox serve}) on this checkout, and deploy/provision.sh (its Debian path on this machine)
 * installing the service, whose unit's command line and environment then start the installed server. Each
 * server gets its own port, data dir and uid range, serves a session, and is stopped with SIGTERM as systemd
 * would, leaving nothing behind. And two machines the server must refuse, with one line that says why and
 * the fix and a non-zero exit status, not a stack trace: a data dir lab hosts cannot reach, no iptables, and
 * a data dir another server holds.
 */
@Tag("kernel")
class StartCommandsIT {

    private static final Path WORK = Path.of("/var/tmp/glassbox-it");
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (Process server : servers) {
            stop(server);
        }
        if (Files.exists(WORK)) { // Failsafe runs without the main classes' helpers: delete depth first here.
            try (var paths = Files.walk(WORK)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void theReadmeStartCommandServesLessonsAndSessions() throws Exception {
        assumeTrue(isRoot(), "needs root: lab hosts need namespaces and cgroups");
        Path data = WORK.resolve("serve-data");
        Path log = Files.createDirectories(WORK).resolve("serve.log");
        // Exactly the README's command, with the options it documents for running beside another server.
        Process server = start(List.of("./glassbox", "serve", "-Dquarkus.http.port=18080",
                "-Dglassbox.data-dir=" + data, "-Dglassbox.sandbox.uid-base=1700000000", "-Dglassbox.sessions.warm=0"),
                Path.of(""), Map.of(), log);
        String base = "http://localhost:18080";
        // It builds first (Maven and npm, a minute or more on a busy machine).
        awaitReady(server, base, Duration.ofMinutes(8), log);

        assertThat(get(base + "/").body()).contains("<title>Glassbox</title>").contains("data-lesson=\"02-uts-namespace\"");
        servesASession(base);
        String instance = Files.readString(data.resolve("instance")).trim();
        assertThat(stop(server)).as("exit after SIGTERM").isIn(0, 143);
        assertNothingLeft(instance);
    }

    @Test
    void provisioningInstallsAServiceWhoseUnitStartsTheServer() throws Exception {
        assumeTrue(isRoot(), "needs root: provisioning installs OS packages");
        assumeTrue(Files.isRegularFile(Path.of("target/quarkus-app/quarkus-run.jar")),
                "runs after the package phase (mvn verify)");
        Path prefix = WORK.resolve("opt");
        Path config = WORK.resolve("etc");
        Path data = WORK.resolve("data");
        Path units = WORK.resolve("units");
        Map<String, String> where = Map.of("GLASSBOX_PREFIX", prefix.toString(), "GLASSBOX_CONFIG_DIR",
                config.toString(), "GLASSBOX_DATA_DIR", data.toString(), "GLASSBOX_UNIT_DIR", units.toString(),
                "GLASSBOX_START", "no");

        assertThat(run(List.of("deploy/provision.sh"), where)).contains("installed in " + prefix);
        Path unit = units.resolve("glassbox.service");
        assertThat(unit).exists();
        assertThat(Files.readString(unit)).contains("Delegate=yes").contains("ExecStart=" + prefix + "/bin/glassbox-server");
        assertThat(config.resolve("glassbox.env")).content().contains("GLASSBOX_SANDBOX_ISOLATION=auto");
        Files.writeString(config.resolve("glassbox.env"), "GLASSBOX_SESSIONS_MAX=3\n", StandardOpenOption.APPEND);

        // Idempotent: a second run changes nothing, and never touches the configuration.
        FileTime installed = Files.getLastModifiedTime(prefix.resolve("app/quarkus-run.jar"));
        String envBefore = Files.readString(config.resolve("glassbox.env"));
        assertThat(run(List.of("deploy/provision.sh"), where)).doesNotContain("writing");
        assertThat(Files.getLastModifiedTime(prefix.resolve("app/quarkus-run.jar"))).isEqualTo(installed);
        assertThat(config.resolve("glassbox.env")).hasContent(envBefore);
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            run(List.of("systemd-analyze", "verify", unit.toString()), Map.of());
        }

        // Start it as systemd would: the unit's working directory, environment (files win) and command line.
        ServiceUnit service = ServiceUnit.parse(unit);
        Map<String, String> env = new LinkedHashMap<>(service.environment());
        env.put("QUARKUS_HTTP_PORT", "18081");
        env.put("GLASSBOX_SANDBOX_UID_BASE", "1710000000");
        env.put("GLASSBOX_SESSIONS_WARM", "0");
        Path log = WORK.resolve("service.log");
        Process server = start(List.of(service.execStart()), service.workingDirectory(), env, log);
        String base = "http://localhost:18081";
        awaitReady(server, base, Duration.ofMinutes(2), log);
        // The env file's setting reached the server (GET /api/host shows the count to staff only).
        assertThat(get(base + "/q/metrics").body()).contains("glassbox_sessions_max 3.0");
        assertThat(get(base + "/api/lessons").body()).contains("02-uts-namespace");
        servesASession(base);
        String instance = Files.readString(data.resolve("instance")).trim();
        assertThat(stop(server)).as("exit after SIGTERM").isIn(0, 143);
        assertNothingLeft(instance);
    }

    @Test
    void aDataDirLabHostsCannotReachStopsTheServerWithOneLineAndTheChmod() throws Exception {
        assumeTrue(isRoot(), "needs root: the probe runs before the data dir is checked");
        assumeTrue(Files.isRegularFile(JAR), "runs after the package phase (mvn verify)");
        Path locked = Files.createDirectories(WORK.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));

        Failed failed = startExpectingFailure(List.of(), List.of("-Dquarkus.http.port=18291",
                "-Dglassbox.data-dir=" + locked.resolve("data"), "-Dglassbox.sandbox.uid-base=1720000000"));

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(78);
        assertThat(failed.reportLine()).isEqualTo("Glassbox cannot start: the data dir " + locked.resolve("data")
                + " is not reachable by lab hosts: " + locked + " is not searchable by other users, and lab set-up"
                + " runs as an unprivileged uid. Fix: chmod o+x " + locked
                + ", or set glassbox.data-dir to a directory such as /var/lib/glassbox");
        failed.assertNoStackTrace();
    }

    @Test
    void aMachineWithoutIptablesStopsTheServerWithOneLineAndThePackage() throws Exception {
        assumeTrue(isRoot(), "needs root: iptables is hidden in a mount namespace of the server's own");
        assumeTrue(Files.isRegularFile(JAR), "runs after the package phase (mvn verify)");
        assumeTrue(Files.isDirectory(Path.of("/usr/sbin"), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.isSymbolicLink(Path.of("/sbin")), "a merged /usr, as on Debian 12: /usr/sbin is where iptables is");
        // The machine without the iptables package, for this server only: a copy of /usr/sbin without it,
        // bind-mounted over /usr/sbin in a private mount namespace that ends with the server.
        Path sbin = Files.createDirectories(WORK).resolve("sbin");
        String hide = "cp -a /usr/sbin " + sbin + " && rm -f " + sbin + "/iptables " + sbin + "/iptables-restore"
                + " && mount --bind " + sbin + " /usr/sbin && exec \"$@\"";

        Failed failed = startExpectingFailure(List.of("unshare", "--mount", "--propagation", "private", "--", "sh",
                "-c", hide, "sh"), List.of("-Dquarkus.http.port=18292", "-Dglassbox.data-dir=" + WORK.resolve("data"),
                "-Dglassbox.sandbox.uid-base=1721000000"));

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(78);
        assertThat(failed.reportLine()).isEqualTo("Glassbox cannot start: this machine cannot run lab hosts: missing"
                + " tools: iptables, iptables-restore. Fix: apt-get install iptables (RHEL/CentOS: yum install"
                + " iptables; deploy/provision.sh installs everything)");
        // The probe's report is printed above it, saying what was found.
        assertThat(failed.output()).contains("tools                          MISSING iptables, iptables-restore")
                .contains("iptables NAT                   NO   iptables is not installed (required");
        failed.assertNoStackTrace();
    }

    @Test
    void aSecondServerOnTheSameDataDirIsToldWhoHasItAndExitsForARetry() throws Exception {
        assumeTrue(isRoot(), "needs root: the first server runs lab hosts");
        assumeTrue(Files.isRegularFile(JAR), "runs after the package phase (mvn verify)");
        Path data = WORK.resolve("shared-data");
        Path log = Files.createDirectories(WORK).resolve("first.log");
        Process first = start(List.of("java", "-Dquarkus.http.port=18293", "-Dglassbox.data-dir=" + data,
                "-Dglassbox.sandbox.uid-base=1722000000", "-Dglassbox.sessions.warm=0", "-jar",
                JAR.toAbsolutePath().toString()), Path.of(""), Map.of(), log);
        awaitReady(first, "http://localhost:18293", Duration.ofMinutes(2), log);

        Failed second = startExpectingFailure(List.of(), List.of("-Dquarkus.http.port=18294",
                "-Dglassbox.data-dir=" + data, "-Dglassbox.sandbox.uid-base=1723000000"));

        assertThat(second.exitCode()).as("1, not 78: systemd retries, and the first may be on its way out")
                .isEqualTo(1);
        assertThat(second.reportLine()).isEqualTo("Glassbox cannot start: another Glassbox server is using the data"
                + " dir " + data + ". Fix: stop it, or set glassbox.data-dir to another directory");
        second.assertNoStackTrace();
        assertThat(get("http://localhost:18293/q/health/ready").statusCode()).as("the first is untouched").isEqualTo(200);
        String instance = Files.readString(data.resolve("instance")).trim();
        assertThat(stop(first)).isIn(0, 143);
        assertNothingLeft(instance);
    }

    @Test
    void aDatabaseThatDoesNotAnswerEndsTheStartWithOneLineAndNothingLeft() throws Exception {
        assumeTrue(isRoot(), "needs root: the sandbox (the internet's netns and cgroup) opens before the database");
        assumeTrue(Files.isRegularFile(JAR), "runs after the package phase (mvn verify)");
        Path data = WORK.resolve("db-data");
        // Nothing listens on 18296: PostgreSQL is still starting, or the URL is wrong.
        Failed failed = startExpectingFailure(List.of(), List.of("-Dquarkus.http.port=18297",
                "-Dglassbox.data-dir=" + data, "-Dglassbox.sandbox.uid-base=1725000000", "-Dglassbox.sessions.warm=0",
                "-Dglassbox.database.url=jdbc:postgresql://127.0.0.1:18296/glassbox"));

        assertThat(failed.exitCode()).as("1: worth a retry while PostgreSQL comes up").isEqualTo(1);
        assertThat(failed.reportLine()).startsWith("Glassbox cannot start: the workshop database (PostgreSQL at"
                + " jdbc:postgresql://127.0.0.1:18296/glassbox) cannot be used: Connection to 127.0.0.1:18296 refused.")
                .endsWith(". Fix: check glassbox.database.url, username and password, and that the server accepts"
                        + " connections");
        failed.assertNoStackTrace();
        // Quarkus fires no ShutdownEvent for a failed start: the engine closed the outside network itself.
        assertNothingLeft(Files.readString(data.resolve("instance")).trim());
    }

    @Test
    void aServerStartedWithoutSbinOnItsPathFindsItsToolsAnyway() throws Exception {
        assumeTrue(isRoot(), "needs root: lab hosts need namespaces and cgroups");
        assumeTrue(Files.isRegularFile(JAR), "runs after the package phase (mvn verify)");
        // The PATH root has after su without - on Debian 10+: no /usr/sbin, where iptables and sysctl are. The
        // probe looked on a fixed PATH and said all tools were found; starting them used to search this one.
        Path data = WORK.resolve("su-data");
        Path log = Files.createDirectories(WORK).resolve("su.log");
        Process server = start(List.of("java", "-Dquarkus.http.port=18295", "-Dglassbox.data-dir=" + data,
                "-Dglassbox.sandbox.uid-base=1724000000", "-Dglassbox.sessions.warm=0", "-jar",
                JAR.toAbsolutePath().toString()), Path.of(""), Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), log);
        String base = "http://localhost:18295";
        awaitReady(server, base, Duration.ofMinutes(2), log);

        servesASession(base);
        String instance = Files.readString(data.resolve("instance")).trim();
        assertThat(stop(server)).isIn(0, 143);
        assertNothingLeft(instance);
    }

    /** How a server that refused to start ended: its exit status and everything it printed. */
    record Failed(int exitCode, String output) {

        /** The last line: Quarkus prints the start-up failure's line last, on standard error. */
        String reportLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }

        void assertNoStackTrace() {
            assertThat(output).as(output).doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("Exception");
            assertThat(output.lines().filter(line -> line.startsWith("Glassbox cannot start")).count()).isEqualTo(1);
        }
    }

    /** Starts the built jar (behind {@code prefix}, e.g. unshare) and waits for it to give up. */
    private Failed startExpectingFailure(List<String> prefix, List<String> javaOptions) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add("java");
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Path log = Files.createDirectories(WORK).resolve("failed-start.log");
        Process server = start(command, Path.of(""), Map.of(), log);
        if (!server.waitFor(3, TimeUnit.MINUTES)) {
            throw new AssertionError("the server neither started nor gave up within 3 minutes:\n" + tail(log));
        }
        return new Failed(server.exitValue(), Files.readString(log));
    }

    /** Creates a session (a real lab host), sees it in the metrics, and ends it. */
    private static void servesASession(String base) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(get(base + "/q/metrics").body()).contains("glassbox_sessions_active 1.0");
        String id = created.body().replaceAll("(?s).*\"id\":\"([0-9a-f]+)\".*", "$1");
        String token = created.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> ended = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + id))
                .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ended.statusCode()).isEqualTo(202);
    }

    /** The instance's network namespace and cgroups are gone once its server stopped. */
    private static void assertNothingLeft(String instance) throws IOException {
        String name = "glassbox-" + instance;
        assertThat(Path.of("/run/netns", name)).doesNotExist();
        try (var found = Files.find(Path.of("/sys/fs/cgroup"), 6, (path, attrs) -> attrs.isDirectory()
                && path.getFileName() != null && path.getFileName().toString().equals(name))) {
            assertThat(found.toList()).as("cgroups of the stopped server").isEmpty();
        }
    }

    private Process start(List<String> command, Path directory, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        servers.add(process);
        return process;
    }

    private static void awaitReady(Process server, String base, Duration limit, Path log) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + "; its output:\n" + tail(log));
            }
            try {
                if (get(base + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within " + limit + "; its output:\n" + tail(log));
    }

    /** SIGTERM, as systemd stops a service; SIGKILL for the whole tree only if it hangs. Answers the exit code. */
    private static int stop(Process server) throws InterruptedException {
        if (!server.isAlive()) {
            return server.exitValue();
        }
        server.destroy();
        if (!server.waitFor(90, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the server did not stop within 90 s of SIGTERM");
        }
        return server.exitValue();
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s failed:%n%s", command, output).isZero();
        return output;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The few settings of a systemd service unit that say how to start it. */
    record ServiceUnit(Path workingDirectory, Map<String, String> environment, String execStart) {

        static ServiceUnit parse(Path unit) throws IOException {
            Map<String, String> env = new LinkedHashMap<>();
            List<Path> files = new ArrayList<>();
            Path directory = Path.of("/");
            String exec = null;
            for (String line : Files.readAllLines(unit)) {
                if (line.startsWith("Environment=")) {
                    putAssignment(env, line.substring("Environment=".length()));
                } else if (line.startsWith("EnvironmentFile=")) {
                    files.add(Path.of(line.substring("EnvironmentFile=".length()).replaceFirst("^-", "")));
                } else if (line.startsWith("WorkingDirectory=")) {
                    directory = Path.of(line.substring("WorkingDirectory=".length()));
                } else if (line.startsWith("ExecStart=")) {
                    exec = line.substring("ExecStart=".length());
                }
            }
            for (Path file : files) { // As systemd does: files are read after Environment= and win over it.
                if (Files.exists(file)) {
                    for (String line : Files.readAllLines(file)) {
                        if (!line.isBlank() && !line.startsWith("#")) {
                            putAssignment(env, line);
                        }
                    }
                }
            }
            assertThat(exec).as("ExecStart in " + unit).isNotNull();
            return new ServiceUnit(directory, env, exec);
        }

        private static void putAssignment(Map<String, String> env, String assignment) {
            int equals = assignment.indexOf('=');
            env.put(assignment.substring(0, equals).trim(), assignment.substring(equals + 1).trim());
        }
    }
}
