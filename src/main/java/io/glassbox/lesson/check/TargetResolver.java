package io.glassbox.lesson.check;

import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.ProcessStat;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.lesson.model.Target;
import io.glassbox.sandbox.LabHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;

/**
 * Finds the process a check looks at, as the machine numbers it, among the processes of one lab host.
 *
 * <p>The learner's shell is found through the terminal, not through what was typed: the terminal program
 * ({@code nsenter}) has one child, the login bash on the lab host's pseudo-terminal. That bash's
 * /proc/pid/stat holds {@code tpgid}, the terminal's foreground process group (man 5 proc), which the kernel
 * gives in the reader's PID numbering; its leader is the program the learner is typing into, however deeply
 * nested (after {@code unshare --pid --fork bash} the inner bash makes itself a group leader and takes the
 * terminal, as every job-control shell does; see tcsetpgrp(3)).
 *
 * <p>Whatever it finds must be a process of the lab host's cgroup: checks run commands in the target's
 * namespaces, so a pid from outside the lab must never come out of here.
 */
public final class TargetResolver {

    /** Command names of shells: at a prompt, the foreground process is one of these. */
    public static final Set<String> SHELLS = Set.of("bash", "sh", "ash", "dash", "zsh", "busybox");

    private final ProcFs proc;
    private final CgroupDriver cgroups;

    public TargetResolver(ProcFs proc, CgroupDriver cgroups) {
        this.proc = proc;
        this.cgroups = cgroups;
    }

    /** Resolves {@code target} in {@code lab}; {@code terminalPid} is the pid of the learner's terminal program. */
    public ResolvedTarget resolve(Target target, LabHost lab, long terminalPid) {
        try {
            return switch (target.kind()) {
                case SHELL -> foreground(lab, terminalPid);
                case LAB_HOST -> new ResolvedTarget(lab.initPid(), label(Target.LAB_HOST));
                case PROCESS -> newest(lab, pid -> proc.stat(pid).comm().equals(target.value()), target,
                        Phrase.of("no process of the lab host is called " + target.value()
                                + " (has it started? ps shows them)", "实验主机里没有名为 " + target.value()
                                + " 的进程（它启动了吗？ps 会列出进程）"));
                case CMDLINE -> newest(lab, pid -> String.join(" ", proc.cmdline(pid)).contains(target.value()), target,
                        Phrase.of("no process of the lab host runs a command line containing \"" + target.value()
                                + "\"", "实验主机里没有命令行包含 \"" + target.value() + "\" 的进程"));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the learner's terminal is at a shell prompt (its foreground process is a shell). */
    public boolean isAtPrompt(LabHost lab, long terminalPid) {
        try {
            return SHELLS.contains(proc.stat(foreground(lab, terminalPid).pid()).comm());
        } catch (TargetNotFoundException | IOException | UncheckedIOException e) {
            return false;
        }
    }

    private ResolvedTarget foreground(LabHost lab, long terminalPid) throws IOException {
        long login = loginShell(terminalPid);
        Set<Long> inLab = cgroups.processes(lab.cgroup());
        long tpgid = proc.stat(login).tpgid();
        long chosen = login;
        if (tpgid > 0) {
            if (inLab.contains(tpgid) && isLive(tpgid) && proc.stat(tpgid).pgrp() == tpgid) {
                chosen = tpgid;
            } else {
                // The group leader has exited while others of its group still run (a pipeline's first command).
                chosen = inLab.stream().filter(pid -> pgrpOf(pid) == tpgid).findFirst().orElse(login);
            }
        }
        if (!inLab.contains(chosen)) {
            throw new TargetNotFoundException(Phrase.of("the terminal's shell is not a process of this lab host",
                    "终端的 shell 不是这台实验主机的进程"));
        }
        String comm = proc.stat(chosen).comm();
        return new ResolvedTarget(chosen, SHELLS.contains(comm) ? label(Target.SHELL)
                : Phrase.of("the foreground process (" + comm + ")", "前台进程（" + comm + "）"));
    }

    /** The login bash: the only child of the terminal program. */
    private long loginShell(long terminalPid) throws IOException {
        try {
            List<Long> shells = proc.children(terminalPid);
            if (shells.size() != 1) {
                throw new TargetNotFoundException(Phrase.of("the terminal has no shell (yet): open or restart the"
                        + " terminal", "终端里（还）没有 shell：请打开或重启终端"));
            }
            return shells.get(0);
        } catch (NoSuchFileException e) {
            throw new TargetNotFoundException(Phrase.of("the terminal has ended: open or restart the terminal",
                    "终端已经结束：请打开或重启终端"));
        }
    }

    /** How results name a target: "the shell", "the process httpd", in both languages. */
    public static Phrase label(Target target) {
        return switch (target.kind()) {
            case SHELL -> Phrase.of("the shell", "shell");
            case LAB_HOST -> Phrase.of("the lab host", "实验主机");
            case PROCESS -> Phrase.of(target.toString(), "进程 " + target.value());
            case CMDLINE -> Phrase.of(target.toString(), "运行 \"" + target.value() + "\" 的进程");
        };
    }

    private ResolvedTarget newest(LabHost lab, ProcessTest test, Target target, Phrase missing) {
        long best = -1;
        long bestStart = -1;
        for (long pid : cgroups.processes(lab.cgroup())) {
            try {
                ProcessStat stat = proc.stat(pid);
                // Started in the same clock tick: the higher pid is the later fork.
                boolean later = stat.startTime() > bestStart || (stat.startTime() == bestStart && pid > best);
                if (!stat.isZombie() && later && test.test(pid)) {
                    best = pid;
                    bestStart = stat.startTime();
                }
            } catch (NoSuchFileException exited) {
                // gone while we looked
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (best < 0) {
            throw new TargetNotFoundException(missing);
        }
        return new ResolvedTarget(best, label(target));
    }

    private boolean isLive(long pid) throws IOException {
        try {
            return !proc.stat(pid).isZombie();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private long pgrpOf(long pid) {
        try {
            ProcessStat stat = proc.stat(pid);
            return stat.isZombie() ? -1 : stat.pgrp();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A test on a pid that may read /proc. */
    @FunctionalInterface
    private interface ProcessTest {
        boolean test(long pid) throws IOException;
    }
}
