package io.glassbox.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the host probe found: the kernel, the cgroup layout, and whether each kernel feature a lab host
 * needs works on this machine, tried for real in throwaway namespaces.
 *
 * @param tools each required tool and where it was found; missing ones map to an empty string
 */
public record HostReport(String kernelRelease, ProbeResult cgroups, ProbeResult labNamespaces, ProbeResult userNamespaces,
        ProbeResult overlayInUserNamespace, ProbeResult vethAndBridge, ProbeResult iptables, ProbeResult busybox,
        Map<String, String> tools) {

    public HostReport {
        tools = new TreeMap<>(tools);
    }

    public List<String> missingTools() {
        return tools.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    public List<ProbeResult> probes() {
        return List.of(cgroups, labNamespaces, userNamespaces, overlayInUserNamespace, vethAndBridge, iptables, busybox);
    }

    /** The features without which no lab host can work, in either isolation mode. */
    public List<String> blockers() {
        List<String> blockers = new ArrayList<>();
        for (ProbeResult probe : required()) {
            if (!probe.ok()) {
                blockers.add(probe.name() + ": " + probe.detail());
            }
        }
        if (!missingTools().isEmpty()) {
            blockers.add("missing tools: " + String.join(", ", missingTools())
                    + " (Debian: apt-get install util-linux iproute2 iptables busybox-static tini procps)");
        }
        return blockers;
    }

    /**
     * Why no lab host can run here, as one start-up failure with its fix, or empty. Missing tools come first
     * and hide the probes that failed only because a tool was missing (the iptables NAT probe without iptables),
     * so the line names the cause rather than its echoes.
     */
    public Optional<StartupFailure> failure() {
        List<String> missing = missingTools();
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing tools: " + String.join(", ", missing));
            fixes.add(StartupFailure.installFix(missing));
        }
        for (ProbeResult probe : required()) {
            if (!probe.ok() && missing.stream().noneMatch(tool -> names(probe.detail(), tool))) {
                problems.add(probe.name() + ": " + probe.detail());
                fixes.add(fixFor(probe));
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StartupFailure("this machine cannot run lab hosts: " + String.join("; ", problems),
                String.join("; ", fixes.stream().filter(fix -> !fix.isEmpty()).toList())));
    }

    /** Whether {@code detail} names {@code tool} as a word ("ip" is not in "iptables" or "script"). */
    private static boolean names(String detail, String tool) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(tool) + "(?![\\w-])").matcher(detail).find();
    }

    /** What to do about a failed probe whose own words do not already say it. */
    private static String fixFor(ProbeResult probe) {
        return switch (probe.name()) {
            case "lab host namespaces" -> "lab hosts need Linux 4.6+ (cgroup namespaces) and util-linux 2.32+ (unshare"
                    + " --cgroup --kill-child); CentOS 7 (Linux 3.10, util-linux 2.23) has neither";
            case "veth and bridge" -> "load the kernel's veth and bridge modules (modprobe veth bridge)";
            case "iptables NAT" -> "load the kernel's NAT support (modprobe iptable_nat), or install iptables";
            case "static busybox" -> "apt-get install busybox-static (RHEL/CentOS: deploy/provision.sh downloads one)";
            default -> ""; // cgroups: the driver's message carries its own hint (Delegate=yes, the controllers)
        };
    }

    /** The probes without which no lab host can run, in either isolation mode. */
    private List<ProbeResult> required() {
        return List.of(cgroups, labNamespaces, vethAndBridge, iptables, busybox);
    }

    /** Whether lab hosts can run in their own user namespaces here. */
    public boolean supportsUserNamespaceIsolation() {
        return userNamespaces.ok() && overlayInUserNamespace.ok();
    }

    /** The report as the server prints it at start-up, one line per finding. */
    public String format() {
        StringBuilder out = new StringBuilder();
        line(out, "kernel", kernelRelease);
        for (ProbeResult probe : probes()) {
            line(out, probe.name(), probe.ok() ? "yes  " + probe.detail() : "NO   " + probe.detail() + consequence(probe));
        }
        List<String> missing = missingTools();
        line(out, "tools", missing.isEmpty() ? "all " + tools.size() + " found" : "MISSING " + String.join(", ", missing));
        return out.toString();
    }

    /** What a failed probe costs: an optional feature says what is lost, a required one that nothing runs. */
    private String consequence(ProbeResult probe) {
        return probe == userNamespaces || probe == overlayInUserNamespace
                ? " (optional; without it lab hosts run privileged: real root inside their namespaces, one learner"
                        + " per machine)"
                : " (required: no lab host can run without it)";
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format("  %-30s %s%n", name, value));
    }
}
