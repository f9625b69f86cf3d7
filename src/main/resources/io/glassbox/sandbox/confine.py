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

try:
    import seccomp
except ImportError:
    # Started with -S (no site module: a third of python's start-up time), so add the system's package
    # directories by hand: Debian's dist-packages, and the site-packages of RPM systems.
    import glob
    sys.path += ["/usr/lib/python3/dist-packages"] + glob.glob("/usr/lib*/python3*/site-packages")
    import seccomp

denied = [name for name in sys.argv[1].split(",") if name]
program = sys.argv[3:]
rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
for name in denied:
    try:
        rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
    except (RuntimeError, ValueError):
        pass  # Not a system call of this architecture or libseccomp: nothing to refuse.
rules.load()
os.execvp(program[0], program)
