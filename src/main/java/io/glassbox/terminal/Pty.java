package io.glassbox.terminal;

import java.io.IOException;

/**
 * A program running on a pseudo-terminal, seen from the master side. Output is pushed to a {@link Listener}
 * (by one event loop for all terminals, see {@link NativePty}) rather than pulled by a thread of its own.
 */
public interface Pty {

    /** Starts delivering output, then the end, to {@code listener}. Called once. */
    void start(Listener listener);

    /**
     * Stops reading the program's output until {@link #resume}: once the kernel's terminal buffer is full, the
     * program blocks in write(2). This is the flow control that keeps a flood from growing server memory.
     */
    void pause();

    void resume();

    /**
     * Writes keystrokes without ever blocking: returns how many of the {@code length} bytes from
     * {@code offset} the terminal took, 0 when its input buffer is full (the program is not reading).
     */
    int write(byte[] bytes, int offset, int length) throws IOException;

    /** Sets the window size; the kernel sends SIGWINCH to the foreground process group. */
    void resize(int columns, int rows);

    /** The program's process id as the machine sees it. */
    long pid();

    /** Hangs up: the program's session gets SIGHUP, as when a terminal window closes; then it is killed. */
    void close();

    /** Receives a terminal's output; calls come from one thread at a time and must not block. */
    interface Listener {

        /** The program wrote {@code bytes[0, length)}; the array is reused after the call returns. */
        void output(byte[] bytes, int length);

        /** Every process let go of the terminal and the program exited with {@code status}; the last call. */
        void ended(int status);
    }
}
