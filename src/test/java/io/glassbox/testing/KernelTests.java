package io.glassbox.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.host.CommandRunner;
import io.glassbox.host.Niceness;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupDrivers;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.sandbox.LabLimits;
import io.glassbox.sandbox.Sandbox;
import io.glassbox.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Shared set-up for tests that run real lab hosts on this machine's kernel (they need root). */
public final class KernelTests {

    public static final CommandRunner COMMANDS = new CommandRunner(Duration.ofSeconds(30));
    public static final ProcFs PROC = ProcFs.system();

    private KernelTests() {
    }

    /** A thread that lowers its priority first, as the server's warm pool and teardowns do. */
    public static ExecutorService backgroundThread() {
        return Executors.newSingleThreadExecutor(runnable -> new Thread(Niceness.inBackground(runnable),
                "glassbox-test-background"));
    }

    /**
     * The nice value of process {@code pid}: field 19 of /proc/PID/stat (man 5 proc), the 17th after the command
     * name's closing parenthesis (the name may itself hold spaces, which would shift a field counted from the start).
     */
    public static int nice(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Skips the calling test, with the reason, unless it runs as root. */
    public static void assumeRoot() {
        assumeTrue("0".equals(COMMANDS.run(java.util.List.of("id", "-u")).stdout().strip()),
                "kernel tests need root: they create namespaces, cgroups and veths");
    }

    public static CgroupDriver cgroups() {
        return CgroupDrivers.system();
    }

    /** A fresh data dir under /var/tmp (every parent searchable by lab uids, unlike a checkout under /root). */
    public static Path newDataDir() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/var/tmp"), "glassbox-kt-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** Small caps, so hog tests finish fast; a uid range of its own per test class. */
    public static SandboxSettings settings(Path dataDir, IsolationMode isolation, long uidBase) {
        return new SandboxSettings(dataDir, isolation, 128L << 20, 64, 1.0, 64L << 20, 16L << 20, uidBase,
                Duration.ofSeconds(20), new LabLimits(16, 2048));
    }

    public static Sandbox open(SandboxSettings settings) throws IOException {
        return Sandbox.open(settings, COMMANDS, PROC, cgroups());
    }
}
