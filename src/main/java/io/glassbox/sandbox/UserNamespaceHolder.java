package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.IdMapping;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates a lab host's user namespace and maps its ids, without newuidmap(1) and /etc/subuid.
 *
 * <p>A process that unshares a user namespace cannot map more than its own id into it; a privileged process
 * in the parent namespace can (man 7 user_namespaces, "Defining user and group ID mappings"). So a short-lived
 * holder process creates the namespace, the server (root) writes {@code uid_map} and {@code gid_map} for it,
 * and the lab host's init then joins it with {@code nsenter --user -S 0 -G 0}: entering as uid 0 matters,
 * because a process whose uid is unmapped in its namespace loses its capabilities at execve.
 */
final class UserNamespaceHolder implements AutoCloseable {

    /** The holder gives up on its own if the server dies before killing it. */
    private static final String HOLDER_LIFETIME_SECONDS = "120";

    private final Process process;
    private final ProcFs proc;

    private UserNamespaceHolder(Process process, ProcFs proc) {
        this.process = process;
        this.proc = proc;
    }

    static UserNamespaceHolder create(CommandRunner commands, ProcFs proc, IdMapping mapping, Duration timeout) {
        Process holder = commands.start(List.of("unshare", "--user", "--", "sleep", HOLDER_LIFETIME_SECONDS), Map.of(),
                ProcessBuilder.Redirect.DISCARD);
        UserNamespaceHolder result = new UserNamespaceHolder(holder, proc);
        try {
            result.awaitNamespace(timeout);
            result.writeMaps(mapping);
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** The path other processes join the namespace through. */
    String namespacePath() {
        return proc.pidDir(process.pid()).resolve("ns/user").toString();
    }

    private void awaitNamespace(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            long own = proc.namespace(ProcessHandle.current().pid(), NamespaceType.USER).inode();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new KernelException("unshare", "--user", "exit status " + process.exitValue(),
                            "cannot create a user namespace; is user.max_user_namespaces 0?");
                }
                if (proc.namespace(process.pid(), NamespaceType.USER).inode() != own) {
                    return;
                }
                Thread.sleep(1);
            }
        } catch (IOException e) {
            throw KernelException.of("readlink", namespacePath(), e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new KernelException("unshare", "--user", "timed out", "the holder never entered its namespace");
    }

    private void writeMaps(IdMapping mapping) {
        for (String file : List.of("uid_map", "gid_map")) {
            var path = proc.pidDir(process.pid()).resolve(file);
            try {
                Files.writeString(path, mapping.toMapLine() + "\n");
            } catch (IOException e) {
                throw KernelException.of("write", path + "=" + mapping.toMapLine(), e,
                        "a map can be written once, by a process with CAP_SETUID in the parent namespace");
            }
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
