# Builds the seccomp filter every learner process runs under: EPERM for the system calls named in its first
# argument, kernel surfaces no lesson needs (keyrings, bpf, perf events, userfaultfd, io_uring, kexec,
# modules, ...), while unshare, setns, mount and pivot_root stay allowed. Glassbox passes this file with
# python3 -I -S -c, in one of two ways:
#   python3 -I -S -c "<this file>" keyctl,bpf,... --export
#       prints "<prctl's system call number> <the filter as hex>": compiled once at start-up, then applied
#       in front of every shell by confine.pl (perl starts in a few milliseconds, python in tens)
#   python3 -I -S -c "<this file>" keyctl,bpf,... [-C DIRECTORY] -- PROGRAM ARGS...
#       applies it and runs PROGRAM (where perl is missing), in DIRECTORY if given (as confine.pl)
# Uses libseccomp's own Python binding (Debian: python3-seccomp), whose load() also sets no_new_privs (man 2
# seccomp: a filter needs it unless the caller has CAP_SYS_ADMIN). Both are inherited across fork and exec.
import errno
import os
import sys
import termios

# Started with -S (no site module: a third of python's start-up time), so the system's package directory is
# added by hand: Debian's dist-packages first (the common case, without importing glob, which pulls in re and
# would cost a third of this script's imports), then the site-packages of RPM systems.
sys.path.append("/usr/lib/python3/dist-packages")
try:
    import seccomp
except ImportError:
    import glob
    sys.path += glob.glob("/usr/lib*/python3*/site-packages")
    import seccomp

denied = [name for name in sys.argv[1].split(",") if name]
directory = sys.argv[3] if sys.argv[2] == "-C" else None
program = sys.argv[5:] if directory is not None else sys.argv[3:]
rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
for name in denied:
    try:
        rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
    except (RuntimeError, ValueError):
        pass  # Not a system call of this architecture or libseccomp: nothing to refuse.
# TIOCSTI pushes a byte into a terminal's input as if typed, TIOCLINUX drives the Linux console (man 2
# ioctl_tty, man 2 ioctl_console). Without CAP_SYS_ADMIN in the initial user namespace the kernel allows
# TIOCSTI only on the caller's own controlling terminal, where it is harmless; but it is a classic injection
# primitive (Linux 6.2 added dev.tty.legacy_tiocsti to turn it off machine-wide) and no lesson needs either,
# so refuse both, in privileged mode too. ioctl's request is an unsigned int: compare its low 32 bits only.
for request in (termios.TIOCSTI, getattr(termios, "TIOCLINUX", 0x541C)):
    rules.add_rule(seccomp.ERRNO(errno.EPERM), "ioctl", seccomp.Arg(1, seccomp.MASKED_EQ, 0xFFFFFFFF, request))
if sys.argv[2] == "--export":
    read_end, write_end = os.pipe()
    rules.export_bpf(os.fdopen(write_end, "wb", closefd=False))
    os.close(write_end)
    with os.fdopen(read_end, "rb") as exported:
        print(seccomp.resolve_syscall(seccomp.Arch.NATIVE, "prctl"), exported.read().hex())
else:
    if directory is not None:
        try:
            os.chdir(directory)
        except OSError as e:
            print(f"glassbox: cannot enter {directory}: {e.strerror}", file=sys.stderr)
    rules.load()
    os.execvp(program[0], program)
