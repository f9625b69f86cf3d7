package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import io.glassbox.host.Signals;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ends every lab host when the server dies without closing its sandbox (kill -9, the OOM killer, a JVM crash),
 * with or without systemd: a busybox shell script ({@code guardian.sh}) started once per sandbox, as root, in
 * the server's own cgroup (outside every lab's) and namespaces, where no learner can reach it.
 *
 * <p>Its standard input is a pipe whose write end only this JVM holds: the JDK closes every descriptor but 0 to
 * 2 in the children it starts, and so does host.PosixSpawn for terminals and launchers (closefrom; checked by
 * NativePtyTest, and by attack.ServerKillIT, which keeps a terminal open in each lab: a leaked write end would
 * keep the guardian waiting). The kernel closes a dying
 * process's descriptors however it dies (man 2 _exit), so the guardian reads end-of-file as soon as the JVM's
 * last thread is gone and kills everything in the instance's cgroups: all lab hosts (frozen ones thawed),
 * and the outside network's web service, which {@link Sandbox} keeps there for this. {@code PR_SET_PDEATHSIG}
 * would be no substitute: it fires when the forking thread ends, not the process, and is cleared when the
 * child's credentials change, as nsenter's do (man 2 prctl).
 *
 * <p>A normal {@link #close} writes "closing" and closes the pipe after the sandbox tore everything down; the
 * guardian's sweep then finds nothing. A restart on the same data dir waits for a predecessor's guardian to
 * finish (or kills it) before its own sweep, so an old guardian never kills the new server's lab hosts.
 */
final class ServerGuardian implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServerGuardian.class);
    /** A guardian normally finishes in well under a second; one stuck longer is killed and the sweep takes over. */
    private static final Duration PREDECESSOR_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    /** A guardian that dies sooner than this after its start is not restarted: something kills it on sight. */
    private static final Duration MIN_LIFETIME = Duration.ofSeconds(5);

    private final List<String> argv;
    private final CommandRunner commands;
    private final Path pidFile;
    private final Path log;
    private final ProcFs proc;
    private volatile Process process;
    private volatile long startedNanos;
    private volatile boolean closing;

    private ServerGuardian(CommandRunner commands, List<String> argv, Path pidFile, Path log, ProcFs proc) {
        this.commands = commands;
        this.argv = argv;
        this.pidFile = pidFile;
        this.log = log;
        this.proc = proc;
    }

    /**
     * Waits for the guardian of a previous server on {@code dataDir} to finish its cleanup, and kills it if it
     * takes too long; logs what it reported. Call before the start-up sweep.
     */
    static void awaitPredecessor(DataDir dataDir, ProcFs proc, Signals signals) throws IOException {
        Path pidFile = pidFile(dataDir);
        if (Files.isRegularFile(pidFile)) {
            String[] recorded = Files.readString(pidFile).strip().split(" ");
            if (recorded.length == 2 && recorded[0].matches("\\d+") && recorded[1].matches("\\d+")) {
                long pid = Long.parseLong(recorded[0]);
                long startTime = Long.parseLong(recorded[1]);
                long deadline = System.nanoTime() + PREDECESSOR_TIMEOUT.toNanos();
                while (signals.isSame(pid, startTime) && System.nanoTime() < deadline) {
                    sleep(20);
                }
                if (signals.killIfSame(pid, startTime, Signals.SIGKILL)) {
                    LOG.warnf("the previous server's guardian (pid %d) was still cleaning up after %d s; killed it,"
                            + " the start-up sweep removes the rest", pid, PREDECESSOR_TIMEOUT.toSeconds());
                }
            }
            Files.delete(pidFile);
        }
        Path log = log(dataDir);
        if (Files.isRegularFile(log)) {
            String said = Files.readString(log).strip();
            if (!said.isEmpty()) {
                LOG.warnf("the previous server on %s ended without closing its sandbox; its guardian said: %s",
                        dataDir.root(), said.replace('\n', ' '));
            }
            Files.delete(log);
        }
    }

    /** Starts the guardian of the instance whose outside network is {@code netns} and cgroup is {@code instance}. */
    static ServerGuardian start(CommandRunner commands, DataDir dataDir, Path busybox, String netns,
            CgroupNode instance, ProcFs proc)
            throws IOException {
        Path script = dataDir.root().resolve("guardian.sh");
        try (InputStream in = ServerGuardian.class.getResourceAsStream("guardian.sh")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> argv = new ArrayList<>(List.of(busybox.toString(), "sh", script.toString(), CommandRunner.locate("ip"), netns));
        instance.distinctDirectories().forEach(dir -> argv.add(dir.toString()));
        ServerGuardian guardian = new ServerGuardian(commands, List.copyOf(argv), pidFile(dataDir), log(dataDir),
                proc);
        guardian.launch();
        return guardian;
    }

    private synchronized void launch() throws IOException {
        Process started = commands.startFedByPipe(argv, log);
        startedNanos = System.nanoTime();
        process = started;
        Files.writeString(pidFile, started.pid() + " " + proc.stat(started.pid()).startTime() + "\n");
        started.onExit().thenRun(() -> ended(started));
    }

    /** A guardian killed while its server runs: lab hosts would outlive a later kill -9, so start another. */
    private synchronized void ended(Process gone) {
        if (closing || gone != process) {
            return;
        }
        Duration lived = Duration.ofNanos(System.nanoTime() - startedNanos);
        if (lived.compareTo(MIN_LIFETIME) < 0) {
            LOG.errorf("the guardian (pid %d) ended with %d after %d ms and is not restarted: if this server is"
                    + " killed, its lab hosts keep running until the next start; see %s", gone.pid(), gone.exitValue(),
                    lived.toMillis(), log);
            return;
        }
        LOG.errorf("the guardian (pid %d) ended with %d while the server runs (who killed it?); starting a new one",
                gone.pid(), gone.exitValue());
        try {
            launch();
        } catch (IOException | UncheckedIOException e) {
            LOG.errorf(e, "cannot restart the guardian: if this server is killed, its lab hosts keep running until"
                    + " the next start");
        }
    }

    /** The guardian's pid, for tests. */
    long pid() {
        return process.pid();
    }

    /**
     * Closes the pipe without "closing", as the kernel does when this JVM dies, and waits for the guardian to
     * finish. Only for tests: the sandbox is unusable afterwards except for {@link Sandbox#abandon}.
     */
    void simulateServerDeath() throws IOException, InterruptedException {
        closing = true;
        process.getOutputStream().close();
        process.waitFor(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills the guardian without letting it clean up: what a power cut leaves. Only for tests of the sweep. */
    void abandon() {
        closing = true;
        process.destroyForcibly();
        try {
            process.waitFor(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the guardian sweep (finding nothing after a normal teardown) and waits for it to exit. */
    @Override
    public void close() {
        closing = true;
        Process guardian = process;
        try (OutputStream stdin = guardian.getOutputStream()) {
            stdin.write("closing\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException alreadyGone) {
            // it ended on its own (or was killed): nothing to tell it
        }
        try {
            if (!guardian.waitFor(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                guardian.destroyForcibly();
                LOG.warnf("the guardian (pid %d) did not finish within %d s; killed it", guardian.pid(),
                        CLOSE_TIMEOUT.toSeconds());
            }
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            guardian.destroyForcibly();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the guardian's files " + pidFile + " and " + log, e);
        }
    }

    private static Path pidFile(DataDir dataDir) {
        return dataDir.root().resolve("guardian.pid");
    }

    private static Path log(DataDir dataDir) {
        return dataDir.root().resolve("guardian.log");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the previous server's guardian", e);
        }
    }
}
