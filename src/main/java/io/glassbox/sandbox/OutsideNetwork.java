package io.glassbox.sandbox;

import io.glassbox.host.CommandFailedException;
import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import io.glassbox.host.Signals;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * "The internet" as lab hosts see it: a network namespace of the engine's own ({@code ip netns add
 * glassbox-<instance>}) where busybox httpd answers on 198.18.0.1 and every lab host's uplink ends.
 *
 * <p>It is a dead end by construction. It has no link to the machine's own network namespace, so nothing
 * from a lab host can reach the machine, the Glassbox server or a real network; it does not forward packets
 * (net.ipv4.ip_forward=0 and a FORWARD policy of DROP), so lab hosts cannot reach each other through it; and
 * its firewall ({@link OutsideFirewall}) accepts packets only from a lab's own addresses, new connections only
 * to the web service and pings only to it and the lab's own gateway, within a per-lab share of connection
 * tracking, so a lab host can neither forge, flood, nor count the others. The web service runs capped in a
 * cgroup of its own ({@link InternetWebServer}). Besides a small site it serves, as static files, a read-only
 * registry of the lab's web image ({@link RegistryPublisher}): no new program, port or rule.
 */
public final class OutsideNetwork implements AutoCloseable {

    public static final String INTERNET_ADDRESS = "198.18.0.1";

    private final String name;
    private final CommandRunner commands;
    private final Signals signals;
    private final InternetWebServer web;

    /**
     * @param webCgroup where the web service's processes are charged and capped (below the installation's cgroup)
     * @param labs how many lab hosts may exist at once: the web service's cgroup is sized for all at their limits
     */
    public OutsideNetwork(String name, CommandRunner commands, Signals signals, CgroupDriver cgroups,
            CgroupNode webCgroup, int labs) {
        this.name = name;
        this.commands = commands;
        this.signals = signals;
        this.web = new InternetWebServer(commands, signals, cgroups, webCgroup, labs);
    }

    public String name() {
        return name;
    }

    public Path namespacePath() {
        return Path.of("/run/netns", name);
    }

    /**
     * Creates the namespace (replacing a leftover of the same name) and starts the web service, which serves
     * a small site and, under {@code /v2/}, a read-only registry of the web image built from {@code webLayers}.
     */
    public void open(Path www, Path webLayers) throws IOException {
        removeLeftover();
        commands.check(List.of("ip", "netns", "add", name));
        commands.check(List.of("ip", "-n", name, "link", "set", "lo", "up"));
        commands.check(List.of("ip", "-n", name, "addr", "add", INTERNET_ADDRESS + "/32", "dev", "lo"));
        commands.checkWithInput(nsenter(List.of("iptables-restore")), OutsideFirewall.rules(INTERNET_ADDRESS),
                "iptables (nf_tables or legacy) with the rpfilter, conntrack, connlimit, hashlimit, addrtype and REJECT"
                        + " matches must be installed: apt-get install iptables (the kernel needs CONFIG_NETFILTER_XT_MATCH_"
                        + "CONNLIMIT, _HASHLIMIT, _ADDRTYPE and CONFIG_IP_NF_MATCH_RPFILTER, built in or as modules)");
        // After the rules: loading them loads connection tracking, whose sysctls exist only then. Before any
        // uplink: a link takes rp_filter from "default" when it is created.
        List<String> sysctls = new ArrayList<>(List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=0",
                "net.ipv4.ip_unprivileged_port_start=0"));
        sysctls.addAll(OutsideFirewall.sysctls());
        inNamespace(sysctls);
        // Nothing out here speaks IPv6 and no rule filters it: the outside's links get no IPv6 at all (-e: a
        // kernel without IPv6 has nothing to turn off).
        inNamespace(List.of("sysctl", "-e", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1"));
        writeSite(www);
        // Before httpd starts: it never serves a half-written registry.
        RegistryPublisher.publish(webLayers, RegistryPublisher.webImages(), www);
        web.start(INTERNET_ADDRESS, www, this::nsenter);
    }

    /** The cgroup where the web service's processes run, charged and capped. */
    public CgroupNode webCgroup() {
        return web.cgroup();
    }

    /** Gives a lab host its uplink: a veth pair straight into both namespaces, never the machine's own. */
    public void attach(long labInitPid, LabUplink uplink) {
        String link = uplink.linkName();
        commands.check(List.of("ip", "link", "add", link, "netns", name, "type", "veth", "peer", "name", "eth0",
                "netns", Long.toString(labInitPid)));
        commands.check(List.of("ip", "-n", name, "addr", "add", uplink.outsideAddress() + "/" + uplink.prefixLength(),
                "dev", link));
        commands.check(List.of("ip", "-n", name, "link", "set", link, "up"));
        String inside = String.join("\n",
                "link set lo up",
                "addr add " + uplink.labAddress() + "/" + uplink.prefixLength() + " dev eth0",
                "link set eth0 up",
                "route add default via " + uplink.outsideAddress(),
                "");
        commands.checkWithInput(List.of("nsenter", "--net=/proc/" + labInitPid + "/ns/net", "ip", "-batch", "-"),
                inside, null);
    }

    /**
     * Removes a lab host's end of its uplink. The kernel deletes it with the lab host's network namespace, but
     * in a deferred work item, so it may still be there a moment after the lab host's last process died.
     */
    public void detach(LabUplink uplink) {
        CommandResult result = commands.run(List.of("ip", "-n", name, "link", "del", uplink.linkName()));
        // Already gone ("Cannot find device"), or gone between ip's lookup and its delete (ENODEV, "RTNETLINK
        // answers: No such device").
        if (!result.succeeded() && !result.stderr().contains("Cannot find device")
                && !result.stderr().contains("No such device")
                && !result.stderr().contains("No such file or directory")) {
            throw new CommandFailedException(result, "could not remove the uplink of a lab host");
        }
    }

    /** Runs {@code argv} inside this namespace (as root, in the machine's other namespaces). */
    public List<String> nsenter(List<String> argv) {
        List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + namespacePath()));
        command.addAll(argv);
        return command;
    }

    private void inNamespace(List<String> argv) {
        commands.check(nsenter(argv));
    }

    private void removeLeftover() {
        if (Files.exists(namespacePath())) {
            commands.run(List.of("ip", "netns", "pids", name)).stdout().lines().filter(s -> s.matches("\\d+"))
                    .forEach(pid -> signals.kill(Long.parseLong(pid), Signals.SIGKILL));
            commands.check(List.of("ip", "netns", "del", name));
        }
    }

    private static void writeSite(Path www) throws IOException {
        Files.createDirectories(www.resolve("cgi-bin"));
        Files.writeString(www.resolve("index.html"), """
                <!doctype html>
                <title>The internet</title>
                <h1>Hello from the internet!</h1>
                <p>You reached the web service outside your lab host. Ask who you look like from here:
                <a href="/cgi-bin/whoami">/cgi-bin/whoami</a>.</p>
                """);
        Path whoami = www.resolve("cgi-bin/whoami");
        Files.writeString(whoami, """
                #!/bin/sh
                printf 'Content-Type: text/plain\\r\\n\\r\\n'
                echo "The internet sees you as $REMOTE_ADDR"
                """);
        Files.setPosixFilePermissions(whoami, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Override
    public void close() {
        try {
            web.close();
        } finally {
            removeLeftover();
        }
    }
}
