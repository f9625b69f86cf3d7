package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.util.List;
import java.util.Map;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Starts a program on a new pseudo-terminal (man 7 pty): the child becomes a session leader with the
 * terminal as its controlling tty, so job control, Ctrl-C and window sizes work as in any terminal emulator.
 * The environment is exactly {@code environment}, never the server's. The master is for the {@link PollLoop};
 * the child is reaped through its pidfd; no thread per terminal.
 *
 * <p>The slave is opened from the master (TIOCGPTPEER, Linux 4.13), never by a path, and handed to the child
 * as {@code /proc/self/fd/N}: opened after setsid(2), that makes it the child's controlling terminal.
 */
public final class PtyLauncher {

    /** Starts {@code argv} on a new terminal of the machine's devpts, of {@code columns} x {@code rows}. */
    public PtyChild open(List<String> argv, Map<String, String> environment, int columns, int rows) {
        int master = C.posix_openpt(Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (master < 0) {
            throw new IllegalStateException("posix_openpt: " + Libc.describe(Libc.errno()));
        }
        return start(master, -1, argv, environment, columns, rows);
    }

    /**
     * Starts {@code argv} on a new terminal of the devpts mounted at {@code /dev/pts} in the root of process
     * {@code pid} (a lab host's init), its slave owned by {@code owner} (uid and gid, as the machine numbers
     * them: the lab's root). Inside, {@code tty} says {@code /dev/pts/N} of the lab's own devpts and the server
     * holds the master: no relay process (such as script(1)) copies the bytes between two terminals.
     *
     * <p>The lab's root user may have replaced anything in that path, so it is walked one component at a time
     * with openat(2) and O_NOFOLLOW (no symlink, and no ".." since the path has none), and the master must be
     * on a devpts file system.
     */
    public PtyChild openIn(long pid, int owner, List<String> argv, Map<String, String> environment, int columns, int rows) {
        return start(labPtmx(pid), owner, argv, environment, columns, rows);
    }

    private static int labPtmx(long pid) {
        String root = "/proc/" + pid + "/root";
        int dir = C.open(root, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (dir < 0) {
            throw new IllegalStateException("open " + root + ": " + Libc.describe(Libc.errno()) + " (has the lab host ended?)");
        }
        String walked = root;
        try {
            for (String component : List.of("dev", "pts")) {
                walked += "/" + component;
                int next = C.openat(dir, component, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
                int errno = Libc.errno();
                C.close(dir);
                dir = next;
                if (dir < 0) {
                    throw new IllegalStateException("open " + walked + " (a directory, no symlink): " + Libc.describe(errno)
                            + "; the lab host's /dev/pts is gone: restart the session");
                }
            }
            int master = C.openat(dir, "ptmx", Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_NONBLOCK | Libc.O_NOFOLLOW
                    | Libc.O_CLOEXEC, 0);
            if (master < 0) {
                throw new IllegalStateException("open " + walked + "/ptmx (no symlink): " + Libc.describe(Libc.errno())
                        + "; the lab host's /dev/pts is not a devpts: restart the session");
            }
            Pointer statfs = Memory.allocateDirect(Libc.RUNTIME, Libc.STATFS_SIZE);
            if (C.fstatfs(master, statfs) != 0 || statfs.getLong(0) != Libc.DEVPTS_SUPER_MAGIC) {
                C.close(master);
                throw new IllegalStateException(walked + "/ptmx is not on a devpts file system: the lab host's /dev/pts"
                        + " was replaced; restart the session");
            }
            return master;
        } finally {
            if (dir >= 0) {
                C.close(dir);
            }
        }
    }

    /** Unlocks {@code master}, sizes it, and spawns {@code argv} on its slave; closes the master if that fails. */
    private static PtyChild start(int master, int owner, List<String> argv, Map<String, String> environment, int columns,
            int rows) {
        try {
            if (C.unlockpt(master) != 0) {
                throw new IllegalStateException("unlockpt on a new pty: " + Libc.describe(Libc.errno()));
            }
            PtyMaster.setWindowSize(master, columns, rows);
            int slave = C.ioctl(master, Libc.TIOCGPTPEER, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC);
            if (slave < 0) {
                throw new IllegalStateException("ioctl TIOCGPTPEER on a new pty: " + Libc.describe(Libc.errno())
                        + " (Linux 4.13 or later is needed)");
            }
            try {
                if (owner >= 0 && C.fchown(slave, owner, owner) != 0) {
                    throw new IllegalStateException("fchown of a new pty's slave to " + owner + ": " + Libc.describe(Libc.errno()));
                }
                int pid = PosixSpawn.spawn(argv, environment, new PosixSpawn.ControllingTerminal("/proc/self/fd/" + slave));
                return new PtyChild(new PtyMaster(master), ChildProcess.adopt(pid));
            } finally {
                C.close(slave);
            }
        } catch (RuntimeException e) {
            C.close(master);
            throw e;
        }
    }
}
