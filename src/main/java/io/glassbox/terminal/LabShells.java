package io.glassbox.terminal;

import io.glassbox.host.PtyLauncher;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.ShellCommand;

/** Login shells in a lab host, each on a new pseudo-terminal: what every terminal tab runs. */
public final class LabShells {

    private static final PtyLauncher PTYS = new PtyLauncher();

    private LabShells() {
    }

    public static PtyFactory of(LabHost host) {
        ShellCommand shell = host.shellCommand("xterm-256color");
        return (columns, rows) -> new NativePty(PTYS.openIn(shell.terminalIn(), shell.terminalOwner(), shell.argv(),
                shell.environment(), columns, rows));
    }
}
