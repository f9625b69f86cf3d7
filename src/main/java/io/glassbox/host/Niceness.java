package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Nice values (man 2 setpriority, man 7 sched), so that the server's background work yields the CPU to
 * learners: a lab host being started for the warm pool, or torn down, must not make a learner's new terminal
 * or their keystrokes' echo wait. On Linux the nice value belongs to a thread and a child process inherits
 * its creator thread's, so a background thread lowers its own and every command it starts runs at that value;
 * the lab host's processes are set back to the server's value once it is ready, since a learner's own processes
 * must not start out behind everyone else's.
 */
public final class Niceness {

    private static final Logger LOG = Logger.getLogger(Niceness.class.getName());
    /** The server's own nice value, that of its main thread (whose thread id is the process id). */
    public static final int SERVER = C.getpriority(Libc.PRIO_PROCESS, (int) ProcessHandle.current().pid());
    /** Background work's: a tenth of the server's CPU share when both want the CPU (man 7 sched). */
    public static final int BACKGROUND = Math.min(SERVER + 10, 19);

    private Niceness() {
    }

    /** Lowers the calling thread's priority (and so that of every process it starts) to {@link #BACKGROUND}. */
    public static void runInBackground() {
        set(BACKGROUND, "; background work runs at the learners' priority");
    }

    /**
     * Runs {@code task} on the calling background thread at the server's own priority, then lowers the thread's
     * again: what it starts for a learner (a warm lab host's first shell) must not start out behind everyone else,
     * and a process's children inherit its value, so it cannot be set back afterwards without a race.
     */
    public static <T> T asServer(Supplier<T> task) {
        set(SERVER, "; what it starts runs at the background priority");
        try {
            return task.get();
        } finally {
            runInBackground();
        }
    }

    /** Sets the calling thread's nice value; where the kernel refuses, says so and what {@code consequence} follows. */
    private static void set(int value, String consequence) {
        if (C.setpriority(Libc.PRIO_PROCESS, 0, value) != 0) {
            LOG.warning("setpriority(PRIO_PROCESS, 0, " + value + ") for thread " + Thread.currentThread().getName()
                    + ": " + Libc.describe(Libc.errno()) + consequence);
        }
    }

    /** A thread factory's runnable that first lowers its thread's priority. */
    public static Runnable inBackground(Runnable task) {
        return () -> {
            runInBackground();
            task.run();
        };
    }

    /** Daemon threads named {@code name} that run at {@link #BACKGROUND}: the warm pool's, teardowns'. */
    public static ThreadFactory backgroundThreads(String name) {
        return task -> daemon(inBackground(task), name);
    }

    /**
     * Daemon threads named {@code name} that run at the server's own priority, whichever thread starts them. A new
     * thread inherits its creator's nice value, and a pool starts its threads when work first comes, perhaps from a
     * background thread: the terminals' poll loop, once started by the warm pool's first lab host, ran every echo
     * at the background priority.
     */
    public static ThreadFactory serverThreads(String name) {
        return task -> daemon(() -> {
            set(SERVER, "; this thread runs at its creator's priority");
            task.run();
        }, name);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Sets {@code pid} and its descendants back to the server's own nice value (a process that ended meanwhile
     * is skipped). Each is single-threaded: setpriority sets one thread.
     */
    public static void restore(long pid) {
        ProcessHandle.of(pid).stream().flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .forEach(process -> {
                    if (C.setpriority(Libc.PRIO_PROCESS, (int) process.pid(), SERVER) != 0 && process.isAlive()) {
                        LOG.warning("setpriority(PRIO_PROCESS, " + process.pid() + ", " + SERVER + "): "
                                + Libc.describe(Libc.errno()));
                    }
                });
    }
}
