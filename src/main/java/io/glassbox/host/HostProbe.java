package io.glassbox.host;

import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupDrivers;
import io.glassbox.kernel.cgroup.CgroupLayout;
import io.glassbox.kernel.cgroup.CgroupNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Finds out, at start-up, what this machine's kernel lets Glassbox do. Each feature is tried for real in a
 * throwaway namespace that vanishes when the probing command exits, so the probe leaves nothing behind and
 * cannot be fooled by a kernel config option that is present but disabled (user namespaces switched off by
 * sysctl, overlayfs built without user namespace support, as on CentOS 7's 3.10 kernel).
 */
public final class HostProbe {

    /** The tools lab hosts and the engine run. */
    public static final List<String> TOOLS = List.of("unshare", "nsenter", "mount", "umount", "pivot_root", "setpriv",
            "ip", "iptables", "iptables-restore", "busybox", "tini", "ps", "lsns", "ipcmk", "ipcs", "hostname", "mknod",
            "cp", "sysctl");

    /**
     * The namespaces every lab host is made with besides (in userns mode) its user namespace: unshare's options,
     * as in io.glassbox.sandbox.LabCommands (a test keeps the two equal).
     */
    public static final List<String> LAB_NAMESPACES = List.of("--mount", "--pid", "--fork", "--uts", "--ipc", "--net",
            "--cgroup", "--kill-child");

    private static final String OVERLAY_SCRIPT = "mount -t tmpfs glassbox-probe /tmp"
            + " && mkdir /tmp/l /tmp/u /tmp/w /tmp/m && echo x > /tmp/l/f"
            + " && mount -t overlay overlay -o lowerdir=/tmp/l,upperdir=/tmp/u,workdir=/tmp/w /tmp/m"
            + " && echo y >> /tmp/m/f && rm /tmp/m/f && test -c /tmp/u/f";

    private final CommandRunner commands;
    private final ProcFs proc;

    public HostProbe(CommandRunner commands, ProcFs proc) {
        this.commands = commands;
        this.proc = proc;
    }

    public HostReport probe() {
        CompletableFuture<ProbeResult> labNamespaces = async(this::probeLabNamespaces);
        CompletableFuture<ProbeResult> userns = async(this::probeUserNamespaces);
        CompletableFuture<ProbeResult> overlay = async(this::probeOverlayInUserNamespace);
        CompletableFuture<ProbeResult> veth = async(this::probeVethAndBridge);
        CompletableFuture<ProbeResult> iptables = async(this::probeIptables);
        CompletableFuture<ProbeResult> busybox = async(this::probeBusybox);
        return new HostReport(kernelRelease(), probeCgroups(), labNamespaces.join(), userns.join(), overlay.join(),
                veth.join(), iptables.join(), busybox.join(), findTools());
    }

    private String kernelRelease() {
        try {
            return proc.kernelRelease();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Detects the layout and creates and removes a probe cgroup under the server's own, as lab hosts will. */
    ProbeResult probeCgroups() {
        String name = "cgroups";
        try {
            CgroupLayout layout = CgroupLayout.detect(proc.mountInfo(ProcessHandle.current().pid()));
            CgroupDriver driver = CgroupDrivers.detect(layout, proc);
            CgroupNode probe = driver.home(ProcessHandle.current().pid())
                    .child("glassbox-probe-" + ProcessHandle.current().pid());
            driver.create(probe);
            driver.removeTree(probe);
            return ProbeResult.ok(name, "driver " + driver.version() + " managing " + driver.controllers() + "; "
                    + layout.describe());
        } catch (IOException | RuntimeException e) {
            return ProbeResult.failed(name, e.getMessage());
        }
    }

    /**
     * Every lab host's namespaces, made as root the way privileged mode makes them: a kernel without cgroup
     * namespaces (before Linux 4.6) or an unshare without --cgroup or --kill-child (util-linux before 2.32, as on
     * CentOS 7) would otherwise fail every session, not the start.
     */
    ProbeResult probeLabNamespaces() {
        List<String> argv = new ArrayList<>(List.of("unshare"));
        argv.addAll(LAB_NAMESPACES);
        argv.addAll(List.of("--", "true"));
        return tryCommand("lab host namespaces", argv, "mount, PID, UTS, IPC, network and cgroup");
    }

    ProbeResult probeUserNamespaces() {
        return tryCommand("user namespaces", List.of("unshare", "--user", "--map-root-user", "--mount", "--pid",
                "--fork", "--net", "--uts", "--ipc", "--cgroup", "--", "true"), maxUserNamespaces());
    }

    ProbeResult probeOverlayInUserNamespace() {
        return tryCommand("overlayfs in a user namespace", List.of("unshare", "--user", "--map-root-user", "--mount",
                "--", "/bin/sh", "-c", OVERLAY_SCRIPT), "copy-up and whiteouts work");
    }

    ProbeResult probeVethAndBridge() {
        return tryCommand("veth and bridge", List.of("unshare", "--net", "--", "/bin/sh", "-c",
                "ip link add glassbox-p0 type veth peer name glassbox-p1 && ip link add glassbox-br0 type bridge"
                        + " && ip link set glassbox-p0 master glassbox-br0"), "created in a throwaway namespace");
    }

    ProbeResult probeIptables() {
        String name = "iptables NAT";
        if (CommandRunner.find("iptables").isEmpty()) {
            // Said so, not thrown: the report lists every missing tool with the package that holds it.
            return ProbeResult.failed(name, "iptables is not installed");
        }
        CommandResult version = commands.run(List.of("iptables", "-V"));
        String variant = version.succeeded() ? version.stdout().strip() : "iptables -V failed";
        return tryCommand(name, List.of("unshare", "--net", "--", "iptables", "-t", "nat", "-A",
                "POSTROUTING", "-j", "MASQUERADE"), variant);
    }

    ProbeResult probeBusybox() {
        return Busybox.findStatic().map(path -> ProbeResult.ok("static busybox", path + " ("
                + commands.run(List.of(path.toString(), "--help")).stdout().lines().findFirst().orElse("?") + ")"))
                .orElseGet(() -> ProbeResult.failed("static busybox", Busybox.installHint()));
    }

    private ProbeResult tryCommand(String name, List<String> argv, String detailOnSuccess) {
        try {
            CommandResult result = commands.run(argv);
            if (result.succeeded()) {
                return ProbeResult.ok(name, detailOnSuccess);
            }
            String said = (result.stderr() + result.stdout()).strip();
            return ProbeResult.failed(name, said.isEmpty() ? "exit status " + result.exitCode() : said);
        } catch (RuntimeException e) {
            return ProbeResult.failed(name, e.getMessage());
        }
    }

    private String maxUserNamespaces() {
        try {
            return "user.max_user_namespaces=" + proc.sysctl("user/max_user_namespaces").orElse("?");
        } catch (IOException e) {
            return "works";
        }
    }

    private Map<String, String> findTools() {
        Map<String, String> found = new LinkedHashMap<>();
        for (String tool : TOOLS) {
            found.put(tool, CommandRunner.find(tool).orElse(""));
        }
        return found;
    }

    private static <T> CompletableFuture<T> async(Supplier<T> probe) {
        return CompletableFuture.supplyAsync(probe);
    }
}
