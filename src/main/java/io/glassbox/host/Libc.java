package io.glassbox.host;

import jnr.constants.platform.Errno;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.byref.IntByReference;

/**
 * The C library calls the event-driven terminals, the process reaper and the neighbour count need and jnr-posix
 * does not offer (epoll, pseudo-terminals, posix_spawn, pidfd, openat; setns and netlink sockets), bound with
 * jnr-ffi. Only this package calls them; the rest of the server sees {@link PollLoop}, {@link ChildProcess},
 * {@link PtyLauncher} and {@link NeighbourDump}. (Public only because jnr-ffi generates its implementation in a
 * class loader of its own.)
 */
public interface Libc {

    Libc C = LibraryLoader.create(Libc.class).load("c");
    Runtime RUNTIME = Runtime.getRuntime(C);

    /** x86_64's struct epoll_event is packed (12 bytes); every other architecture aligns it (16). */
    boolean PACKED_EPOLL_EVENT = System.getProperty("os.arch").equals("amd64")
            || System.getProperty("os.arch").equals("x86_64");
    int EPOLL_EVENT_SIZE = PACKED_EPOLL_EVENT ? 12 : 16;
    int EPOLL_DATA_OFFSET = PACKED_EPOLL_EVENT ? 4 : 8;

    int EPOLLIN = 0x001;
    int PRIO_PROCESS = 0;
    int EPOLLERR = 0x008;
    int EPOLLHUP = 0x010;
    int EPOLL_CTL_ADD = 1;
    int EPOLL_CTL_DEL = 2;
    int EPOLL_CTL_MOD = 3;
    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int O_RDONLY = 0x0;
    int O_WRONLY = 0x1;
    int O_CREAT = 0x40;
    int O_TRUNC = 0x200;
    int O_NOFOLLOW = 0x20000;
    int O_DIRECTORY = 0x10000;
    int O_PATH = 0x200000;
    int EFD_CLOEXEC = 0x80000;
    int WNOHANG = 1;
    long TIOCSWINSZ = 0x5414;
    /** ioctl(master, TIOCGPTPEER, flags): opens the slave of a pty master without a path (Linux 4.13). */
    long TIOCGPTPEER = 0x5441;
    /** statfs.f_type of a devpts file system (linux/magic.h). */
    long DEVPTS_SUPER_MAGIC = 0x1cd1;
    /** A generous upper bound of struct statfs (120 bytes on x86_64, f_type first). */
    int STATFS_SIZE = 256;
    /** pidfd_open(2), Linux 5.3; the same number on every architecture (the unified syscall table). */
    long SYS_PIDFD_OPEN = 434;
    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;
    short POSIX_SPAWN_SETSID = 0x80;
    /** Generous upper bounds of glibc's opaque spawn structs (80, 336 and 128 bytes on x86_64). */
    int SPAWN_FILE_ACTIONS_SIZE = 256;
    int SPAWNATTR_SIZE = 1024;
    int SIGSET_SIZE = 256;

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    int eventfd(int initval, int flags);

    long read(int fd, Pointer buffer, long count);

    long write(int fd, @In byte[] buffer, long count);

    int close(int fd);

    int dup3(int oldFd, int newFd, int flags);

    int open(String path, int flags, int mode);

    int openat(int dirfd, String path, int flags, int mode);

    int fstatfs(int fd, Pointer buffer);

    int fchown(int fd, int owner, int group);

    int posix_openpt(int flags);

    int unlockpt(int fd);

    int ioctl(int fd, long request, Pointer argument);

    int ioctl(int fd, long request, long argument);

    long syscall(long number, long argument1, long argument2);

    int kill(int pid, int signal);

    /** man 2 setns: with CLONE_NEWNET it moves the calling thread only ({@link NeighbourDump}). */
    int setns(int fd, int nstype);

    int socket(int domain, int type, int protocol);

    long send(int fd, @In byte[] buffer, long length, int flags);

    long recv(int fd, @Out byte[] buffer, long length, int flags);

    /** man 2 setpriority: on Linux, PRIO_PROCESS with who 0 sets the calling thread's nice value only. */
    int setpriority(int which, int who, int priority);

    /** man 2 getpriority: the nice value itself (glibc converts the kernel's); -1 is also an error, so clear errno first. */
    int getpriority(int which, int who);

    int waitpid(int pid, IntByReference status, int options);

    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes, Pointer argv,
            Pointer envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    /** glibc 2.34. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    /** glibc 2.29. */
    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer mask);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    static int errno() {
        return LastError.getLastError(RUNTIME);
    }

    static String describe(int errno) {
        Errno known = Errno.valueOf(errno);
        return known == null ? "errno " + errno : known.name();
    }

    static boolean retry(int errno) {
        return errno == Errno.EAGAIN.intValue() || errno == Errno.EINTR.intValue();
    }
}
