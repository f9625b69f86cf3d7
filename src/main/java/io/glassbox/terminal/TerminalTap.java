package io.glassbox.terminal;

/**
 * Something that sees a terminal's traffic as it happens, without taking part in it: a recording. The terminal
 * calls it while holding its own lock, on whatever thread moved the bytes (the output reader, a client's socket,
 * the timer), so an implementation must return at once: copy what it needs and hand the work to another thread,
 * never touch a disk or wait for a lock that blocking work holds. The byte arrays are the terminal's own and are
 * reused after the call.
 */
public interface TerminalTap {

    /** A tap that ignores everything: the terminal's default. */
    TerminalTap NONE = new TerminalTap() {
    };

    /** The program printed {@code length} bytes at {@code offset}; they were just appended to the output log. */
    default void output(byte[] bytes, int offset, int length) {
    }

    /** The pseudo-terminal now has this size (at the start of a program and at every applied resize). */
    default void resize(int columns, int rows) {
    }

    /** Keystrokes about to be written to the program (a client's, or typed by the server for Show me). */
    default void input(byte[] bytes) {
    }
}
