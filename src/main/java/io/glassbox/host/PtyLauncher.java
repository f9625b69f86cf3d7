package io.glassbox.host;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Starts a program on a new pseudo-terminal (man 7 pty) with pty4j: the child becomes a session leader
 * with the terminal as its controlling tty, so job control, Ctrl-C and window sizes work as in any terminal
 * emulator. The environment is exactly {@code environment}, never the server's.
 */
public final class PtyLauncher {

    /** Starts {@code argv} on a new terminal of {@code columns} x {@code rows}. */
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
