package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.OutsideNetwork;
import java.util.List;
import java.util.Set;

/**
 * What a check may look at: the target process (as the machine numbers it), its lab host, and read access
 * to the kernel. Commands run in child processes; the server never enters a namespace itself.
 *
 * @param targetPid the target's pid on the machine
 * @param targetName how results name the target ("the shell", "the process httpd")
 */
public record CheckContext(LabHost lab, long targetPid, String targetName, ProcFs proc, CgroupDriver cgroups,
        CommandRunner commands, OutsideNetwork outside) {

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
}
