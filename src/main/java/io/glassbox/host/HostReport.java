package io.glassbox.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the host probe found: the kernel, the cgroup layout, and whether each kernel feature a lab host
 * needs works on this machine, tried for real in throwaway namespaces.
 *
 * @param tools each required tool and where it was found; missing ones map to an empty string
 */
public record HostReport(String kernelRelease, ProbeResult cgroups, ProbeResult userNamespaces,
        ProbeResult overlayInUserNamespace, ProbeResult vethAndBridge, ProbeResult iptables, ProbeResult busybox,
        Map<String, String> tools) {

    public HostReport {
        tools = new TreeMap<>(tools);
    }

    public List<String> missingTools() {
        return tools.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    public List<ProbeResult> probes() {
        return List.of(cgroups, userNamespaces, overlayInUserNamespace, vethAndBridge, iptables, busybox);
    }

    /** The features without which no lab host can work, in either isolation mode. */
    public List<String> blockers() {
        List<String> blockers = new ArrayList<>();
        for (ProbeResult probe : List.of(cgroups, vethAndBridge, iptables, busybox)) {
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

    /** Whether lab hosts can run in their own user namespaces here. */
    public boolean supportsUserNamespaceIsolation() {
        return userNamespaces.ok() && overlayInUserNamespace.ok();
    }

    /** The report as the server prints it at start-up, one line per finding. */
    public String format() {
        StringBuilder out = new StringBuilder();
        line(out, "kernel", kernelRelease);
        for (ProbeResult probe : probes()) {
            line(out, probe.name(), (probe.ok() ? "yes  " : "NO   ") + probe.detail());
        }
        List<String> missing = missingTools();
        line(out, "tools", missing.isEmpty() ? "all " + tools.size() + " found" : "MISSING " + String.join(", ", missing));
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format("  %-30s %s%n", name, value));
    }
}
