package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import io.glassbox.host.Signals;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The web service of "the internet": busybox httpd, as nobody, in the outside namespace, and in a cgroup of its
 * own below the installation's ({@code <instance>/internet}) with a pids and a memory cap.
 *
 * <p>busybox httpd forks one process per connection and has no limit of its own on how many. The outside's
 * firewall lets each lab host hold at most {@link OutsideFirewall#WEB_CONNECTIONS_PER_LAB} connections to it
 * (each may also run a CGI script: two processes); the cgroup is sized so that every lab host at that limit
 * still fits, so no lab can take the web service from another, and bounds what the machine pays for it in
 * total. Without the cgroup its processes were children of the server, charged to no lab and capped by
 * nothing (2,500 held connections: 344 httpd processes). The cgroup lies below the installation's, so the
 * start-up sweep of a killed server removes what is left of it (Sandbox.sweep).
 */
final class InternetWebServer implements AutoCloseable {

    /**
     * How many lab hosts at their limits the cgroup is sized for: twice the default glassbox.sessions.max (16).
     * The sandbox does not know the configured session cap; with more sessions than this at their limits, the
     * web service is shared (a refused fork closes that one connection) but stays capped.
     */
    static final int SIZED_FOR_LABS = 32;
    /** Measured: one idle httpd child costs about 110 KiB (pages copied on write, page tables); doubled. */
    static final long BYTES_PER_PROCESS = 256L << 10;
    /** The parent, and room for the base of the page cache the site and busybox take. */
    static final long BASE_PROCESSES = 8;
    static final long BASE_BYTES = 16L << 20;

    private final CommandRunner commands;
    private final Signals signals;
    private final CgroupDriver cgroups;
    private final CgroupNode cgroup;
    private final int labs;
    private Process httpd;

    InternetWebServer(CommandRunner commands, Signals signals, CgroupDriver cgroups, CgroupNode cgroup, int labs) {
        this.commands = commands;
        this.signals = signals;
        this.cgroups = cgroups;
        this.cgroup = cgroup;
        this.labs = labs;
    }

    /** pids.max: every lab host at its connection limit, each connection running a CGI script. */
    long pidsMax() {
        return BASE_PROCESSES + (long) labs * OutsideFirewall.WEB_CONNECTIONS_PER_LAB * 2;
    }

    long memoryMax() {
        return BASE_BYTES + pidsMax() * BYTES_PER_PROCESS;
    }

    /**
     * Starts httpd on {@code address}:80 serving {@code www}, entering the namespace through {@code inNamespace}.
     * It joins its cgroup before it execs (the shell prologue of {@link LabCommands#inCgroups}), so every
     * process it forks is counted there from the first.
     */
    void start(String address, Path www, UnaryOperator<List<String>> inNamespace) {
        removeLeftover();
        cgroups.create(cgroup);
        cgroups.pids().writeMax(cgroup, pidsMax());
        cgroups.memory().writeMax(cgroup, memoryMax());
        // The namespace lets unprivileged processes bind port 80 (see OutsideNetwork.open).
        List<String> argv = inNamespace.apply(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--no-new-privs", "busybox", "httpd", "-f", "-p", address + ":80", "-h", www.toString()));
        httpd = commands.start(LabCommands.inCgroups(cgroups.procsFiles(cgroup), argv), Map.of(),
                ProcessBuilder.Redirect.DISCARD);
        awaitInCgroup();
    }

    /** Returns once httpd is in its cgroup (the prologue has joined it), so open() hands out a capped service. */
    private void awaitInCgroup() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cgroups.processes(cgroup).contains(httpd.pid())) {
            if (!httpd.isAlive() || System.nanoTime() > deadline) {
                throw new KernelException("start", "busybox httpd in " + cgroup.distinctDirectories(),
                        httpd.isAlive() ? "it did not join its cgroup within 5 s" : "it exited with " + httpd.exitValue(),
                        "is a static busybox with httpd installed (apt-get install busybox-static) and can the"
                                + " server write cgroup.procs?");
            }
            sleepMillis(5);
        }
    }

    CgroupNode cgroup() {
        return cgroup;
    }

    /** Kills httpd and every process it forked, and removes its cgroup. */
    @Override
    public void close() {
        if (httpd != null) {
            httpd.destroyForcibly();
        }
        removeLeftover();
    }

    /** What a server killed with SIGKILL left: the parent went with its namespace's pids, the children stay here. */
    private void removeLeftover() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Set<Long> pids = cgroups.processes(cgroup);
            pids.forEach(pid -> signals.kill(pid, Signals.SIGKILL));
            try {
                if (pids.isEmpty()) {
                    cgroups.removeTree(cgroup);
                    return;
                }
            } catch (KernelException busy) {
                // Killed tasks leave the cgroup a moment after SIGKILL is delivered.
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new KernelException("kill", "cgroup " + cgroup.distinctDirectories(), "processes survive SIGKILL",
                        "the web service's processes " + pids + " are still there");
            }
            sleepMillis(10);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("wait", "the web service", "interrupted", null);
        }
    }
}
