package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates a lab host's user namespace, maps its ids and bounds what it may create, without newuidmap(1) and
 * /etc/subuid.
 *
 * <p>A process that unshares a user namespace cannot map more than its own id into it; a privileged process
 * in the parent namespace can (man 7 user_namespaces, "Defining user and group ID mappings"). So short-lived
 * holder processes create the namespaces, privileged processes write {@code uid_map} and {@code gid_map}, and
 * the lab host's init then joins the lab's namespace with {@code nsenter --user -S 0 -G 0}: entering as uid 0
 * matters, because a process whose uid is unmapped in its namespace loses its capabilities at execve.
 *
 * <p>Two namespaces, because the kernel counts what a user namespace creates (namespaces, inotify instances;
 * man 7 namespaces, "/proc/sys/user") per uid, in that namespace and in each ancestor against the ancestor's
 * limits, and the lab's root may raise its own namespace's limits (it holds CAP_SYS_RESOURCE there). So the
 * lab's namespace is created inside a "bounds" namespace by that namespace's uid 0: everything the lab ever
 * creates, whatever uid it uses, is counted under that one uid of the bounds namespace, whose limits
 * ({@link LabLimits}) the machine's root writes and the learner, holding no capability there, cannot change.
 * The bounds namespace maps the lab's uid range to itself and its uid 0 to the machine's root (the owner of
 * the lab's namespace, who has every capability there anyway), so the lab still reads its map as
 * {@code 0 <uid base> 65536}.
 */
final class UserNamespaceHolder implements AutoCloseable {

    /** Holders give up on their own if the server dies before killing them. */
    private static final String HOLDER_LIFETIME_SECONDS = "120";

    private final ProcFs proc;
    private final List<Process> holders = new ArrayList<>();

    private UserNamespaceHolder(ProcFs proc) {
        this.proc = proc;
    }

    /** The lab's namespace maps uids and gids {@code 0 .. 65535} to {@code uidBase ..} on the machine. */
    static UserNamespaceHolder create(CommandRunner commands, ProcFs proc, long uidBase, LabLimits limits,
            Duration timeout) {
        UserNamespaceHolder result = new UserNamespaceHolder(proc);
        try {
            Process bounds = result.hold(commands, List.of(), timeout);
            String count = " " + SandboxSettings.UIDS_PER_LAB;
            result.writeMaps(bounds, "0 0 1\n" + uidBase + " " + uidBase + count + "\n");
            Process lab = result.hold(commands, enter(bounds), timeout);
            commands.check(result.configure(bounds, lab, "0 " + uidBase + count, limits),
                    "the bounds namespace's root writes the lab namespace's maps and /proc/sys/user limits");
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** The path other processes join the lab's namespace through. */
    String namespacePath() {
        return namespacePath(holders.get(holders.size() - 1));
    }

    private String namespacePath(Process holder) {
        return proc.pidDir(holder.pid()).resolve("ns/user").toString();
    }

    private static List<String> enter(Process holder) {
        return List.of("nsenter", "--user=/proc/" + holder.pid() + "/ns/user", "-S", "0", "-G", "0", "--");
    }

    /** Starts {@code prefix unshare --user sleep} and waits until it is in a namespace of its own. */
    private Process hold(CommandRunner commands, List<String> prefix, Duration timeout) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of("unshare", "--user", "--", "sleep", HOLDER_LIFETIME_SECONDS));
        Process holder = commands.start(argv, Map.of(), ProcessBuilder.Redirect.DISCARD);
        holders.add(holder);
        awaitNamespace(holder, timeout);
        return holder;
    }

    /** Waits until the holder is in a namespace that is neither the server's nor an earlier holder's. */
    private void awaitNamespace(Process holder, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Set<Long> known = new HashSet<>();
            known.add(proc.namespace(ProcessHandle.current().pid(), NamespaceType.USER).inode());
            for (Process earlier : holders.subList(0, holders.size() - 1)) {
                known.add(proc.namespace(earlier.pid(), NamespaceType.USER).inode());
            }
            while (System.nanoTime() < deadline) {
                if (!holder.isAlive()) {
                    throw new KernelException("unshare", "--user", "exit status " + holder.exitValue(),
                            "cannot create a user namespace; is user.max_user_namespaces 0?");
                }
                if (!known.contains(proc.namespace(holder.pid(), NamespaceType.USER).inode())) {
                    return;
                }
                Thread.sleep(1);
            }
        } catch (IOException e) {
            throw KernelException.of("readlink", namespacePath(holder), e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new KernelException("unshare", "--user", "timed out", "the holder never entered its namespace");
    }

    /** The machine's root writes the bounds namespace's maps (it may map any ids, its own uid 0 included). */
    private void writeMaps(Process holder, String map) {
        for (String file : List.of("uid_map", "gid_map")) {
            Path path = proc.pidDir(holder.pid()).resolve(file);
            try {
                Files.writeString(path, map);
            } catch (IOException e) {
                throw KernelException.of("write", path + "=" + map.strip().replace('\n', ','), e,
                        "a map can be written once, by a process with CAP_SETUID in the parent namespace");
            }
        }
    }

    /**
     * A shell run as the bounds namespace's root: the lab namespace's maps can only be written from it (the
     * writer must be in the namespace's parent), and /proc/sys/user shows the limits of the reader's own
     * namespace. Limit files this kernel lacks are skipped.
     */
    private List<String> configure(Process bounds, Process lab, String labMap, LabLimits limits) {
        StringBuilder script = new StringBuilder("set -e; cd /proc/sys/user; ");
        limits.userSysctls().forEach((file, value) ->
                script.append("if [ -e ").append(file).append(" ]; then echo ").append(value).append(" > ")
                        .append(file).append("; fi; "));
        String procDir = "/proc/" + lab.pid();
        script.append("echo '").append(labMap).append("' > ").append(procDir).append("/uid_map; ");
        script.append("echo '").append(labMap).append("' > ").append(procDir).append("/gid_map");
        List<String> argv = new ArrayList<>(enter(bounds));
        argv.addAll(List.of("/bin/sh", "-c", script.toString()));
        return argv;
    }

    @Override
    public void close() {
        for (Process holder : holders) {
            holder.destroyForcibly();
        }
        for (Process holder : holders) {
            try {
                holder.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
