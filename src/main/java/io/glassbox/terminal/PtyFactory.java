package io.glassbox.terminal;

/** Starts the program of a terminal (a shell in a lab host) on a new pseudo-terminal of the given size. */
@FunctionalInterface
public interface PtyFactory {

    Pty start(int columns, int rows);

    /** Hangs up a program this factory started ahead and no terminal took (the session ended first). */
    default void close() {
    }
}
