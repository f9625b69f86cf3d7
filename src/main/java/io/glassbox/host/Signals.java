package io.glassbox.host;

import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.ProcessStat;
import java.io.IOException;
import jnr.constants.platform.Errno;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * Sends signals to processes by pid (man 2 kill). The JDK can only terminate processes; teardown and
 * terminal control need SIGKILL, SIGTERM, SIGHUP and SIGINT to arbitrary pids, which jnr-posix provides.
 *
 * <p>A pid alone is not an identity: once a process exits, its number can be reused by an unrelated one.
 * {@link #killIfSame} therefore checks the start time recorded when the process was first seen.
 */
public final class Signals {

    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final POSIX POSIX = POSIXFactory.getNativePOSIX();

    private final ProcFs proc;

    public Signals(ProcFs proc) {
        this.proc = proc;
    }

    /** Sends {@code signal} to {@code pid}; false if no such process exists (ESRCH). */
    public boolean kill(long pid, int signal) {
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("refusing to signal pid " + pid);
        }
        if (POSIX.kill((int) pid, signal) == 0) {
            return true;
        }
        int errno = POSIX.errno();
        if (errno == Errno.ESRCH.intValue()) {
            return false;
        }
        throw new io.glassbox.kernel.KernelException("kill", "pid=" + pid + " sig=" + signal,
                Errno.valueOf(errno).name(), null);
    }

    /** Signals {@code pid} only while it is still the process that started at {@code startTime}. */
    public boolean killIfSame(long pid, long startTime, int signal) {
        return isSame(pid, startTime) && kill(pid, signal);
    }

    /** Whether {@code pid} is still the process that started at {@code startTime} (and not a zombie). */
    public boolean isSame(long pid, long startTime) {
        try {
            ProcessStat stat = proc.stat(pid);
            return stat.startTime() == startTime && !stat.isZombie();
        } catch (IOException gone) {
            return false;
        }
    }
}
