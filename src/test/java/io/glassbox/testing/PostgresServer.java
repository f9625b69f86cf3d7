package io.glassbox.testing;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests, one per JVM, so database code meets the SQL dialect, locks and
 * constraint errors it will meet in production rather than a mock's idea of them. It runs the distribution's
 * binaries on a throwaway cluster in /var/tmp/glassbox-pg-*, listening on 127.0.0.1 only, on a port picked
 * at start: nothing off the machine can reach it, and it neither needs nor touches the package's own cluster
 * on 5432. initdb and pg_ctl refuse to run as root, which tests are, so they run as the {@code postgres}
 * user the package creates, through {@code runuser} (man 1 runuser). A shutdown hook stops the server and
 * deletes its directory; the next JVM to start a server cleans up after one killed before its hook ran.
 */
public final class PostgresServer {

    private static final String MISSING =
            "PostgreSQL is not installed: ci/os-packages.sh test installs it (apt-get install postgresql)";
    private static final Path TMP = Path.of("/var/tmp");
    private static final String PREFIX = "glassbox-pg-";
    private static final CommandRunner COMMANDS = new CommandRunner(Duration.ofSeconds(90));

    private static PostgresServer instance;
    private static IllegalStateException failure;

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** The JVM's server, started on first use. A failed start is not retried: every caller gets its error. */
    public static synchronized PostgresServer shared() {
        if (instance == null && failure == null) {
            try {
                Path bin = binaries().orElseThrow(() -> new IllegalStateException(MISSING));
                removeStale(bin);
                instance = start(bin);
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IllegalStateException known ? known
                        : new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
        return instance;
    }

    public static boolean installed() {
        return binaries().isPresent();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser initdb creates (instead of "postgres"); it owns every database made here. */
    public String username() {
        return "glassbox";
    }

    public String password() {
        return password;
    }

    public DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(username());
        source.setPassword(password);
        return source;
    }

    /** Creates an empty database whose name no other caller in this JVM gets, and returns that name. */
    public String createDatabase() {
        String name = "glassbox_test_" + databases.incrementAndGet();
        try (Connection connection = dataSource("postgres").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + " at " + jdbcUrl("postgres") + ": " + e, e);
        }
    }

    /** The newest of Debian's /usr/lib/postgresql/<version>/bin with a server in it, else the RPM layout's /usr/bin. */
    private static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path v) -> -Double.parseDouble(v.getFileName().toString())))
                    .forEach(v -> candidates.add(v.resolve("bin")));
        } catch (IOException notDebian) {
            // only the RPM layout is left to try
        }
        candidates.add(Path.of("/usr/bin"));
        // A client-only install has psql in that bin directory but no initdb or pg_ctl.
        return candidates.stream().filter(b -> Files.isExecutable(b.resolve("initdb")))
                .filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).findFirst();
    }

    private static PostgresServer start(Path bin) throws IOException {
        // The JVM's pid is in the name, so a later run can tell a killed run's cluster from a live one's.
        Path dir = Files.createTempDirectory(TMP, PREFIX + ProcessHandle.current().pid() + "-");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // free now; postgres binds it a moment later
        }
        PostgresServer server = new PostgresServer(bin, dir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(bin, server.data);
            deleteTree(dir);
        }, "postgres-server-stop"));
        server.initdbAndStart();
        return server;
    }

    private void initdbAndStart() throws IOException {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
        Path pwfile = Files.setOwner(Files.writeString(dir.resolve("pwfile"), password), postgres);
        // --no-sync and fsync=off: the cluster is thrown away after the run, so crash safety would only cost time.
        COMMANDS.check(asPostgres(dir, bin.resolve("initdb"), "-D", data.toString(), "-U", username(),
                "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"));
        Files.delete(pwfile);
        Path log = dir.resolve("postgres.log");
        String options = "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + data
                + " -c fsync=off -c max_connections=300";
        CommandResult started = COMMANDS.run(asPostgres(dir, bin.resolve("pg_ctl"), "-D", data.toString(),
                "-w", "-t", "60", "-l", log.toString(), "-o", options, "start"));
        if (!started.succeeded()) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            throw new IllegalStateException("pg_ctl start on 127.0.0.1:" + port + " failed (exit " + started.exitCode()
                    + "): " + started.stderr().strip() + "\nlast lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
    }

    /** A PostgreSQL tool run as the postgres user, in a directory it may enter (the JVM's may be under /root). */
    private static List<String> asPostgres(Path workDir, Path tool, String... args) {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", "env", "-C", workDir.toString(),
                tool.toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Immediate stop: no checkpoint, as nothing is kept; pg_ctl waits until the postmaster has exited. */
    private static void stop(Path bin, Path data) {
        postmaster(data).ifPresent(postmaster -> {
            COMMANDS.run(asPostgres(data.getParent(), bin.resolve("pg_ctl"), "-D", data.toString(),
                    "-m", "immediate", "-w", "stop"));
            // Should pg_ctl have failed (another version's binaries, say), its backends follow the postmaster out.
            postmaster.destroyForcibly();
        });
    }

    /** The live postmaster the pid file names, if it serves this directory (after a reboot the pid is another's). */
    private static Optional<ProcessHandle> postmaster(Path data) {
        try {
            long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            return ProcessHandle.of(pid).filter(p -> p.info().commandLine().orElse("").contains(data.toString()));
        } catch (IOException | RuntimeException noPidFile) {
            return Optional.empty();
        }
    }

    /** Stops and deletes the clusters of earlier JVMs that died before their shutdown hook ran. */
    private static void removeStale(Path bin) throws IOException {
        try (Stream<Path> dirs = Files.list(TMP)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX)).toList()) {
                if (!ownerAlive(dir)) {
                    stop(bin, dir.resolve("data"));
                    deleteTree(dir);
                }
            }
        }
    }

    /** Whether the JVM whose pid the directory is named after still runs (another build's tests, say). */
    private static boolean ownerAlive(Path dir) {
        String owner = dir.getFileName().toString().substring(PREFIX.length()).split("-")[0];
        try {
            return ProcessHandle.of(Long.parseLong(owner))
                    .filter(p -> p.info().command().orElse("").endsWith("/java")).isPresent();
        } catch (NumberFormatException notOurs) {
            return false;
        }
    }

    private static void deleteTree(Path dir) {
        COMMANDS.run(List.of("rm", "-rf", "--", dir.toString()));
    }
}
