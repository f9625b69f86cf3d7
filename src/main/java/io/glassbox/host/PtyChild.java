package io.glassbox.host;

/** A program started on a new pseudo-terminal: the terminal's master side and the program's process. */
public record PtyChild(PtyMaster master, ChildProcess process) {
}
