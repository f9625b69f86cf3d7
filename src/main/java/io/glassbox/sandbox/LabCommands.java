package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command lines that put processes into a lab host. */
final class LabCommands {

    /** The namespaces every lab host has besides (in userns mode) its user namespace: unshare's options. */
    static final List<String> UNSHARE_OPTIONS = List.of("--mount", "--pid", "--fork", "--uts", "--ipc", "--net",
            "--cgroup", "--kill-child");

    /**
     * A tiny shell prologue: write our own pid into each cgroup.procs file given before "--", then exec the
     * rest. Joining before the namespaces are entered puts every later descendant in the lab's cgroups.
     */
    private static final String ENTER_CGROUPS =
            "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";

    /** The same, first printing its own pid: the pid the command will have, since exec keeps it. */
    private static final String ANNOUNCE_AND_ENTER_CGROUPS = "echo $$; " + ENTER_CGROUPS;

    private LabCommands() {
    }

    /** {@code command}, run after joining the cgroups whose {@code cgroup.procs} files are {@code procsFiles}. */
    static List<String> inCgroups(List<Path> procsFiles, List<String> command) {
        return withPrologue(ENTER_CGROUPS, procsFiles, command);
    }

    /**
     * As {@link #inCgroups}, printing the launcher's pid first (exec keeps it: it becomes the outer unshare's),
     * so that a launch followed through a file (see {@link InitLaunch}) names its process.
     */
    static List<String> announcedInCgroups(List<Path> procsFiles, List<String> command) {
        return withPrologue(ANNOUNCE_AND_ENTER_CGROUPS, procsFiles, command);
    }

    private static List<String> withPrologue(String prologue, List<Path> procsFiles, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", prologue, "glassbox-enter"));
        procsFiles.forEach(file -> argv.add(file.toString()));
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    /**
     * Starts a lab host's init script under a static busybox sh, in fresh namespaces, inside the user namespace
     * at {@code userNamespace} (or none in privileged mode), after the stage script has made the lab's
     * read-only mounts as the machine's root in a mount namespace of its own (so that they arrive locked).
     */
    static List<String> launchInit(String userNamespace, Path busybox, Path stageScript, Path initScript) {
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--",
                busybox.toString(), "sh", stageScript.toString()));
        // What the stage script execs: absolute paths, or busybox sh would run its own applets.
        if (userNamespace != null) {
            argv.addAll(List.of(CommandRunner.locate("nsenter"), "--user=" + userNamespace, "-S", "0", "-G", "0",
                    "--"));
        }
        argv.add(CommandRunner.locate("unshare"));
        argv.addAll(UNSHARE_OPTIONS);
        argv.addAll(List.of("--", busybox.toString(), "sh", initScript.toString()));
        return argv;
    }
}
