package io.glassbox.lesson.model;

import java.util.List;
import java.util.Map;

/**
 * One check of a stage, as written in lesson.yaml. Each kind is a record; every field a lesson may leave
 * out is nullable. {@code id} names the check in results (kebab-case; defaults to its type), {@code target}
 * says which process to look at, and {@code explain} optionally tells the learner why it matters.
 */
public sealed interface CheckSpec {

    /** The YAML {@code type} of each kind of check. */
    Map<String, Class<? extends CheckSpec>> TYPES = Map.ofEntries(
            Map.entry("namespace", NamespaceCheck.class),
            Map.entry("hostname", HostnameCheck.class),
            Map.entry("pid", PidCheck.class),
            Map.entry("process-count", ProcessCountCheck.class),
            Map.entry("root", RootCheck.class),
            Map.entry("mount", MountCheck.class),
            Map.entry("file", FileCheck.class),
            Map.entry("cgroup", CgroupCheck.class),
            Map.entry("interface", InterfaceCheck.class),
            Map.entry("route", RouteCheck.class),
            Map.entry("nat-rule", NatRuleCheck.class),
            Map.entry("sysctl", SysctlCheck.class),
            Map.entry("reach", ReachCheck.class),
            Map.entry("command", CommandCheck.class),
            Map.entry("capabilities", CapabilitiesCheck.class),
            Map.entry("seccomp", SeccompCheck.class),
            Map.entry("io", IoCheck.class));

    String id();

    Target target();

    Text explain();

    /** The target, {@link Target#SHELL} when the lesson names none. */
    default Target targetOrShell() {
        return target() == null ? Target.SHELL : target();
    }

    /** A namespace of the target compared with the lab host's: {@code expect} is differs (default) or same. */
    record NamespaceCheck(String id, Target target, Text explain, String namespace, String expect) implements CheckSpec {
    }

    /** The hostname in the target's UTS namespace. */
    record HostnameCheck(String id, Target target, Text explain, String equals) implements CheckSpec {
    }

    /** The target's pid inside its own PID namespace. */
    record PidCheck(String id, Target target, Text explain, Long equals) implements CheckSpec {
    }

    /** How many processes the target can see in its /proc. */
    record ProcessCountCheck(String id, Target target, Text explain, Integer min, Integer max) implements CheckSpec {
    }

    /**
     * The target's root filesystem: whether it is another root than the lab host's, contains a file
     * (e.g. /bin/busybox of the busybox image), is an overlay, and whether the old root is gone.
     */
    record RootCheck(String id, Target target, Text explain, Boolean changed, String contains, Boolean overlay,
            Boolean oldRootGone) implements CheckSpec {
    }

    /** A mount in the target's mount namespace; {@code present: false} asserts there is none at the path. */
    record MountCheck(String id, Target target, Text explain, String path, Boolean present, String fstype,
            List<String> options, String propagation, Integer lowerLayers) implements CheckSpec {
    }

    /** A file in the target's view (or in a directory such as an overlay upper dir). */
    record FileCheck(String id, Target target, Text explain, String path, Boolean exists, String contains,
            Boolean whiteout) implements CheckSpec {
    }

    /**
     * The target's cgroup and its limits, in the units people use (memory "64M", cpus 0.5), the same on
     * cgroup v1 and v2. {@code inChild}: the target is in a cgroup below the lab host's own.
     */
    record CgroupCheck(String id, Target target, Text explain, Boolean inChild, String memoryMax, Long pidsMax,
            Double cpus, Long oomKills, Long forkRefusals, Long throttled, String freezer) implements CheckSpec {
    }

    /** A network interface in the target's network namespace. */
    record InterfaceCheck(String id, Target target, Text explain, String name, Boolean present, String kind,
            Boolean up, String address, String master, Boolean peerInOtherNamespace) implements CheckSpec {
    }

    /** A route in the target's network namespace; {@code destination} is "default" or a CIDR. */
    record RouteCheck(String id, Target target, Text explain, String destination, String via, String dev)
            implements CheckSpec {
    }

    /** A NAT rule in the lab host's iptables: a rule of {@code chain} whose text contains {@code contains}. */
    record NatRuleCheck(String id, Target target, Text explain, String chain, String contains) implements CheckSpec {
    }

    /** A sysctl in the target's namespaces, e.g. net.ipv4.ip_forward. */
    record SysctlCheck(String id, Target target, Text explain, String name, String equals) implements CheckSpec {
    }

    /**
     * Whether {@code url} answers from the target's network namespace ({@code from: target}, default) or from
     * the outside ("the internet", {@code from: outside}); {@code reachable: false} asserts it does not.
     */
    record ReachCheck(String id, Target target, Text explain, String url, String from, Boolean reachable,
            String contains) implements CheckSpec {
    }

    /** The escape hatch: a shell command run in the target's namespaces, with its exit code and output. */
    record CommandCheck(String id, Target target, Text explain, String run, Integer exitCode, String contains)
            implements CheckSpec {
    }

    /**
     * One capability set of the target ({@code set}: effective, the default, permitted, bounding, inheritable or
     * ambient), by the names setpriv prints (chown, sys_admin): it holds every one of {@code has}, none of
     * {@code lacks}, and exactly {@code equals}.
     */
    record CapabilitiesCheck(String id, Target target, Text explain, String set, List<String> has,
            List<String> lacks, List<String> equals) implements CheckSpec {
    }

    /**
     * The target's seccomp state: {@code mode} (disabled, strict, filter), at least {@code filters} filters
     * stacked on it, and its no_new_privs flag.
     */
    record SeccompCheck(String id, Target target, Text explain, String mode, Integer filters, Boolean noNewPrivs)
            implements CheckSpec {
    }

    /**
     * The target's block I/O so far, from /proc/pid/io: at least {@code readBytes} / {@code writeBytes} (sizes
     * such as 16M) went to or came from a block device, its waited-for children included.
     */
    record IoCheck(String id, Target target, Text explain, String readBytes, String writeBytes) implements CheckSpec {
    }
}
