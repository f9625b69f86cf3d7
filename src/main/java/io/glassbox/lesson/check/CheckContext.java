package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.NamespaceId;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.mount.MountTable;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.OutsideNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

/**
 * What a check may look at: the target process (as the machine numbers it), its lab host, and read access
 * to the kernel. Commands run in child processes; the server never enters a namespace itself.
 *
 * @param targetPid the target's pid on the machine
 * @param target how results name the target ("the shell", "the process httpd"), in both languages
 */
public record CheckContext(LabHost lab, long targetPid, Phrase target, ProcFs proc, CgroupDriver cgroups,
        CommandRunner commands, OutsideNetwork outside) {

    /** The target's name in English, for messages of the machine's side (logs, kernel errors). */
    public String targetName() {
        return target.en();
    }

    /** "the shell's" / "shell 的": the target as the owner of what a check looks at. */
    public Phrase targets() {
        String zh = target.zh();
        boolean latinEnd = !zh.isEmpty() && zh.charAt(zh.length() - 1) < 0x80;
        return Phrase.of(Texts.possessive(target.en()), zh + (latinEnd ? " 的" : "的"));
    }

    /**
     * Runs {@code script} with /bin/sh inside the target's {@code namespaces}. With the mount namespace the
     * shell is the target's own /bin/sh (busybox in a container); without it, the machine's.
     */
    public CommandResult inTarget(Set<NamespaceType> namespaces, String script) {
        return commands.run(lab.execIn(targetPid, namespaces, List.of("/bin/sh", "-c", script)));
    }

    /** Runs {@code script} with /bin/sh inside the lab host's own {@code namespaces}. */
    public CommandResult inLabHost(Set<NamespaceType> namespaces, String script) {
        return commands.run(lab.execIn(lab.initPid(), namespaces, List.of("/bin/sh", "-c", script)));
    }

    /** Runs {@code argv} in "the outside", the engine's own network namespace where "the internet" lives. */
    public CommandResult inOutside(List<String> argv) {
        return commands.run(outside.nsenter(argv));
    }

    /** The same lab and tools, looking at another process. */
    public CheckContext withTarget(long pid, Phrase name) {
        return new CheckContext(lab, pid, name, proc, cgroups, commands, outside);
    }

    /** The namespace of {@code type} that {@code pid} is in; a process that has gone surfaces as I/O failure. */
    public NamespaceId namespace(long pid, NamespaceType type) {
        try {
            return proc.namespace(pid, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mount table of {@code pid}, as its own root shows it (man 5 proc, /proc/pid/mountinfo). */
    public MountTable mountTable(long pid) {
        try {
            return proc.mountInfo(pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The target's pid in each PID namespace it is visible in, outermost first ({@code NSpid:}). */
    public List<Long> targetNsPids() {
        try {
            return proc.nsPids(targetPid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where the target's root directory is in its mount namespace: the text of the {@code /proc/<pid>/root}
     * link, read with readlink(2) and never followed. "/" after pivot_root; the jail's path after chroot.
     */
    public String targetRootLink() {
        try {
            return Files.readSymbolicLink(proc.pidDir(targetPid).resolve("root")).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
