package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Starts a program on a new pseudo-terminal (man 7 pty): the child becomes a session leader with the
 * terminal as its controlling tty, so job control, Ctrl-C and window sizes work as in any terminal emulator.
 * The environment is exactly {@code environment}, never the server's.
 *
 * <p>{@link #open} is what terminals use: posix_openpt(3) and posix_spawn(3), the master watched by the
 * {@link PollLoop} and the child reaped through its pidfd, with no thread per terminal. {@link #start} goes
 * through pty4j, whose streams suit a test that reads a shell with blocking calls (it costs a reader and a
 * reaper thread per process).
 */
public final class PtyLauncher {

    /** Starts {@code argv} on a new terminal of {@code columns} x {@code rows}, for the {@link PollLoop}. */
    public PtyChild open(List<String> argv, Map<String, String> environment, int columns, int rows) {
        int master = C.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (master < 0) {
            throw new IllegalStateException("posix_openpt: " + Libc.describe(Libc.errno()));
        }
        try {
            byte[] name = new byte[128];
            if (C.grantpt(master) != 0 || C.unlockpt(master) != 0 || C.ptsname_r(master, name, name.length) != 0) {
                throw new IllegalStateException("grantpt/unlockpt/ptsname_r on a new pty: " + Libc.describe(Libc.errno()));
            }
            String slave = new String(name, 0, indexOfNul(name), StandardCharsets.UTF_8);
            PtyMaster.setWindowSize(master, columns, rows);
            int pid = PosixSpawn.spawn(argv, environment, new PosixSpawn.ControllingTerminal(slave));
            return new PtyChild(new PtyMaster(master), ChildProcess.adopt(pid));
        } catch (RuntimeException e) {
            C.close(master);
            throw e;
        }
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return bytes.length;
    }

    /** Starts {@code argv} on a new terminal of {@code columns} x {@code rows} with pty4j (for tests). */
    public PtyProcess start(List<String> argv, Map<String, String> environment, int columns, int rows) {
        try {
            return new PtyProcessBuilder(argv.toArray(String[]::new))
                    .setEnvironment(Map.copyOf(environment))
                    .setDirectory("/")
                    .setInitialColumns(columns)
                    .setInitialRows(rows)
                    .setRedirectErrorStream(true)
                    .setConsole(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.get(0) + " on a pseudo-terminal", e);
        }
    }
}
