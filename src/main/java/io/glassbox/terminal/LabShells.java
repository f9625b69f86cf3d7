package io.glassbox.terminal;

import io.glassbox.host.PtyLauncher;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.ShellCommand;
import java.util.concurrent.atomic.AtomicReference;

/** Login shells in a lab host, each on a new pseudo-terminal: what every terminal tab runs. */
public final class LabShells {

    private static final String TERM = "xterm-256color";
    private static final PtyLauncher PTYS = new PtyLauncher();

    private LabShells() {
    }

    public static PtyFactory of(LabHost host) {
        ShellCommand shell = host.shellCommand(TERM);
        return (columns, rows) -> start(shell, columns, rows);
    }

    /**
     * As {@link #of(LabHost)}, but the first terminal gets {@code started}, a shell started ahead of it (by the
     * warm pool, at {@link Terminal#COLUMNS} x {@link Terminal#ROWS}), whose prompt is then already waiting in its
     * pty; a shell that has ended meanwhile is closed and a new one started. Without one ({@code null}) it is
     * {@link #of(LabHost)}.
     */
    public static PtyFactory of(LabHost host, NativePty started) {
        PtyFactory fresh = of(host);
        if (started == null) {
            return fresh;
        }
        AtomicReference<NativePty> ahead = new AtomicReference<>(started);
        return new PtyFactory() {
            @Override
            public Pty start(int columns, int rows) {
                NativePty pty = ahead.getAndSet(null);
                if (pty != null && pty.alive()) {
                    if (columns != Terminal.COLUMNS || rows != Terminal.ROWS) {
                        pty.resize(columns, rows);
                    }
                    return pty;
                }
                if (pty != null) {
                    pty.close();
                }
                return fresh.start(columns, rows);
            }

            @Override
            public void close() {
                NativePty pty = ahead.getAndSet(null);
                if (pty != null) {
                    pty.close();
                }
            }
        };
    }

    /** A login shell in {@code host} at the starting size, for {@link #of(LabHost, NativePty)}. */
    public static NativePty start(LabHost host) {
        return start(host.shellCommand(TERM), Terminal.COLUMNS, Terminal.ROWS);
    }

    private static NativePty start(ShellCommand shell, int columns, int rows) {
        return new NativePty(PTYS.openIn(shell.terminalIn(), shell.terminalOwner(), shell.argv(), shell.environment(),
                columns, rows));
    }
}
