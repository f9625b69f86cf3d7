package io.glassbox.terminal;

import java.io.IOException;
import java.io.InputStream;

/** A program running on a pseudo-terminal, seen from the master side. */
public interface Pty {

    /** What the program writes to its terminal. Reads block; end of stream means the terminal hung up. */
    InputStream output();

    /**
     * Reads what the program has written without waiting: the number of bytes read into {@code buffer},
     * 0 when nothing is waiting, -1 when the terminal hung up.
     */
    int readNow(byte[] buffer) throws IOException;

    /**
     * Writes keystrokes without ever blocking: returns how many of the {@code length} bytes from
     * {@code offset} the terminal took, 0 when its input buffer is full (the program is not reading).
     */
    int write(byte[] bytes, int offset, int length) throws IOException;

    /** Sets the window size; the kernel sends SIGWINCH to the foreground process group. */
    void resize(int columns, int rows);

    /** The program's process id as the machine sees it. */
    long pid();

    /** Waits for the program to end and returns its exit status. */
    int waitFor() throws InterruptedException;

    /** Hangs up: the program's session gets SIGHUP, as when a terminal window closes; then it is killed. */
    void close();
}
