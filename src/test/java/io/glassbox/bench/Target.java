package io.glassbox.bench;

import io.glassbox.client.Screen;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A terminal server under test: Glassbox, or ttyd as the reference. */
interface Target {

    /** Output kept per benchmark terminal: enough to find prompts and echoes, small for 200 of them. */
    int KEEP = 64 * 1024;

    String name();

    /** Opens a new terminal (for Glassbox: a new session first) and returns once its prompt shows. */
    Screen open() throws Exception;

    /** Closes a terminal opened here (for Glassbox: deletes its session). */
    void close(Screen terminal);

    /** The server's process: its threads and RSS are reported. */
    long pid();

    /** The processes whose memory a terminal costs: the server and everything it started for terminals. */
    Set<Long> processes();

    /** Waits until closed terminals are really gone (Glassbox tears lab hosts down in the background). */
    default void settle() {
    }

    /**
     * Waits until the server has done the work that what came before started in the background (Glassbox
     * refills its warm pool, its JIT compiles), so what is measured next is the terminals, not that work.
     */
    default void awaitIdle() {
    }

    /** Opens {@code count} terminals one after another, each at its prompt; closes them all on failure. */
    default List<Screen> openAll(int count) throws Exception {
        List<Screen> terminals = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                terminals.add(open());
            }
            // A fresh shell may still be printing (bracketed-paste switch after the prompt); let it settle.
            Thread.sleep(200);
            return terminals;
        } catch (Exception | AssertionError e) {
            closeAll(terminals);
            throw e;
        }
    }

    default void closeAll(List<Screen> terminals) {
        for (Screen terminal : terminals) {
            try {
                close(terminal);
            } catch (RuntimeException e) {
                BenchmarkRun.progress("could not close " + terminal.name() + ": " + e);
            }
        }
        settle();
    }
}
