package io.glassbox.sandbox;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Delegation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running lab host, as the machine sees it. The lab host's own PID 1 is {@link #initPid()}; everything the
 * learner starts descends from it or from a shell joined to it, and all of it sits in {@link #delegation()}'s
 * cgroup.
 */
public final class LabHost {

    private final LabState state;
    private final Delegation delegation;
    private final List<Path> procsFiles;
    private final Confinement confinement;

    LabHost(LabState state, Delegation delegation, List<Path> procsFiles, Confinement confinement) {
        this.confinement = confinement;
        this.state = state;
        this.delegation = delegation;
        this.procsFiles = List.copyOf(procsFiles);
    }

    public String id() {
        return state.id();
    }

    public String hostname() {
        return state.hostname();
    }

    public IsolationMode isolation() {
        return state.isolation();
    }

    /** The lab host's PID 1 as the machine numbers it. */
    public long initPid() {
        return state.initPid();
    }

    /** The first host uid of the lab host's range (its root), or 0 in privileged mode. */
    public long uidBase() {
        return state.uidBase();
    }

    public LabUplink uplink() {
        return state.uplink();
    }

    /** The session cgroup, which holds the hard caps. */
    public CgroupNode cgroup() {
        return state.cgroupNode();
    }

    /** The cgroup the learner owns (seen at /sys/fs/cgroup inside) and the one its processes start in. */
    public Delegation delegation() {
        return delegation;
    }

    public LabState state() {
        return state;
    }

    /**
     * A login shell in this lab host: {@code sh} writes its own pid into the lab's cgroups (so the shell and
     * everything it starts is capped like the rest of the lab host), then becomes {@code nsenter}, which
     * joins every namespace of the lab's init and forks into its PID namespace (man 1 nsenter), where the
     * seccomp loader enters root's home and becomes the login bash. Its terminal is one of the lab host's own
     * devpts ({@link ShellCommand#terminalIn}), so {@code tty}, {@code ps} and {@code /proc/self/fd/0} show
     * {@code /dev/pts/N} owned by root, as on any machine.
     */
    public ShellCommand shellCommand(String term) {
        Map<String, String> environment = Map.of(
                "TERM", term,
                "HOME", "/root",
                "USER", "root",
                "LOGNAME", "root",
                "SHELL", "/bin/bash",
                "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "LANG", "C.UTF-8");
        return new ShellCommand(exec(confinement.wrapIn(environment.get("HOME"), List.of("/bin/bash", "--login"))),
                environment, initPid(), (int) uidBase());
    }

    /**
     * The argv that runs {@code command} inside this lab host as its root, in its cgroup and every namespace,
     * in the directory {@code /}.
     */
    public List<String> exec(List<String> command) {
        return execIn(initPid(), EnumSet.complementOf(EnumSet.of(NamespaceType.TIME)), command);
    }

    /**
     * The argv that runs {@code command} in the {@code types} namespaces of {@code pid} (a process of this
     * lab host, perhaps in namespaces a learner made), in this lab host's cgroup. With the mount namespace
     * it also takes the process's root and working directory; with the user namespace (userns mode) it runs
     * as that namespace's root, so it can read nothing the learner could not.
     */
    public List<String> execIn(long pid, Set<NamespaceType> types, List<String> command) {
        List<String> nsenter = new ArrayList<>(List.of("nsenter", "--target", Long.toString(pid)));
        for (NamespaceType type : types) {
            if (type != NamespaceType.USER || isolation() == IsolationMode.USERNS) {
                nsenter.add(type.unshareFlag());
            }
        }
        if (types.contains(NamespaceType.MNT)) {
            // --root and --wd without a path take the target's: with a path, nsenter would open it in the
            // machine's filesystem before entering, and the command would start in the machine's directory.
            nsenter.addAll(List.of("--root", "--wd"));
        }
        nsenter.add("--");
        nsenter.addAll(command);
        return LabCommands.inCgroups(procsFiles, nsenter);
    }
}
