package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jnr.constants.platform.Errno;
import jnr.ffi.byref.IntByReference;

/**
 * A child of the server started with posix_spawn(3), reaped without a thread of its own: its pidfd
 * (pidfd_open(2), Linux 5.3) becomes readable in the {@link PollLoop} when it exits, and the loop collects
 * its status with a non-blocking waitpid(2). The JDK's {@code Process} would instead park one "process reaper"
 * thread in waitpid for each live child.
 *
 * <p>On kernels before 5.3 (no pidfd_open, ENOSYS) one shared timer thread polls all such children with
 * waitpid(WNOHANG) every 20 ms: still a fixed number of threads, at the cost of up to 20 ms before an exit
 * is seen.
 *
 * <p>A signal is sent only while the child is not yet reaped, under the same lock as the reaping, so its
 * pid cannot have been reused by an unrelated process.
 */
public final class ChildProcess {

    private static final long POLL_MILLIS = 20;
    private static final Map<Integer, ChildProcess> POLLED = new ConcurrentHashMap<>();
    private static volatile ScheduledExecutorService poller;

    private final int pid;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private int pidfd = -1;
    private PollLoop.Registration registration;
    private boolean reaped;

    private ChildProcess(int pid) {
        this.pid = pid;
    }

    /**
     * Starts {@code argv} with the clean environment plus {@code extraEnvironment}, standard input from
     * /dev/null and standard output and error to {@code log} (created or truncated), as
     * {@link CommandRunner#startLogged} does, but reaped by the poll loop instead of a JDK reaper thread
     * parked in waitpid(2) for as long as the child lives: for children that live as long as a lab host.
     */
    public static ChildProcess startLogged(List<String> argv, Map<String, String> extraEnvironment, Path log) {
        Map<String, String> environment = new HashMap<>(CommandRunner.ENVIRONMENT);
        environment.putAll(extraEnvironment);
        return adopt(PosixSpawn.spawn(argv, environment, new PosixSpawn.OutputTo(log)));
    }

    /** Takes charge of reaping {@code pid}, a child this JVM just spawned and nobody else waits for. */
    static ChildProcess adopt(int pid) {
        ChildProcess child = new ChildProcess(pid);
        int fd = (int) C.syscall(Libc.SYS_PIDFD_OPEN, pid, 0);
        if (fd < 0) {
            int errno = Libc.errno();
            if (errno != Errno.ENOSYS.intValue()) {
                throw new IllegalStateException("pidfd_open pid=" + pid + ": " + Libc.describe(errno));
            }
            child.pollWithoutPidfd();
            return child;
        }
        synchronized (child) {
            child.pidfd = fd;
            child.registration = PollLoop.shared().register(fd, events -> child.reap());
            child.registration.watch();
        }
        return child;
    }

    public long pid() {
        return pid;
    }

    /** Completes with the exit status (128 + the signal's number when a signal ended it) once reaped. */
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    public boolean isAlive() {
        return !exit.isDone();
    }

    /** Sends {@code signal} unless the child was reaped already; returns whether it was sent. */
    public synchronized boolean signal(int signal) {
        return !reaped && C.kill(pid, signal) == 0;
    }

    /** Collects the exit status if the child has exited. */
    private void reap() {
        int status;
        synchronized (this) {
            if (reaped) {
                return;
            }
            IntByReference raw = new IntByReference();
            int got = C.waitpid(pid, raw, Libc.WNOHANG);
            if (got == 0 || (got < 0 && Libc.errno() == Errno.EINTR.intValue())) {
                return; // not yet (a spurious wake-up)
            }
            reaped = true;
            status = got < 0 ? -1 : decode(raw.getValue());
            if (registration != null) {
                registration.unwatch();
                C.close(pidfd);
                pidfd = -1;
            }
        }
        POLLED.remove(pid);
        exit.complete(status);
    }

    /** man 2 waitpid: WIFEXITED gives WEXITSTATUS; a signal gives 128 + its number, as a shell reports it. */
    private static int decode(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    private void pollWithoutPidfd() {
        POLLED.put(pid, this);
        if (poller == null) {
            synchronized (ChildProcess.class) {
                if (poller == null) {
                    poller = Executors.newSingleThreadScheduledExecutor(Niceness.serverThreads("glassbox-reaper-poll"));
                    poller.scheduleWithFixedDelay(() -> POLLED.values().forEach(ChildProcess::reap), POLL_MILLIS,
                            POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        }
    }
}
