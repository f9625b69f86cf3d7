# Runs a program with no_new_privs and a seccomp filter that answers EPERM to the system calls named in its
# first argument: kernel surfaces no lesson needs (keyrings, bpf, perf events, userfaultfd, io_uring, kexec,
# modules, ...), while unshare, setns, mount and pivot_root stay allowed. Glassbox passes this file with
# python3 -I -c, in the lab host, in front of every shell and of the lab's init:
#   python3 -I -S -c "<this file>" keyctl,bpf,... -- PROGRAM ARGS...
# Uses libseccomp's own Python binding (Debian: python3-seccomp), which also sets no_new_privs (man 2
# seccomp: a filter needs it unless the caller has CAP_SYS_ADMIN), and is inherited across fork and exec.
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
program = sys.argv[3:]
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
rules.load()
os.execvp(program[0], program)
