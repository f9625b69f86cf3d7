package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.InterfaceCheck;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A network interface in the target's network namespace. A child joins only that namespace and runs the
 * machine's {@code ip -j -d addr show}: one process reports every interface with its kind, flags, bridge and
 * addresses, and no file of the target's is read.
 */
final class InterfaceChecker implements Checker<InterfaceCheck> {

    @Override
    public CheckResult check(InterfaceCheck spec, CheckContext context) {
        List<IpLink> links = links(context);
        String name = spec.name();
        Optional<IpLink> found = links.stream().filter(l -> l.name().equals(name)).findFirst();
        String where = " in " + Texts.possessive(context.targetName()) + " network namespace";
        if (Boolean.FALSE.equals(spec.present())) {
            String expected = "no interface " + name + where;
            return found.isEmpty() ? CheckResult.pass(Checks.idOf(spec), expected, "there is no " + name)
                    : CheckResult.fail(Checks.idOf(spec), expected, name + " is still there");
        }
        Verdict verdict = new Verdict("an interface " + name + where);
        if (found.isEmpty()) {
            verdict.precondition(false, "there is no " + name + "; the interfaces there are "
                    + String.join(", ", links.stream().map(IpLink::name).toList()));
            wanted(spec).forEach(verdict::want);
            return verdict.result(Checks.idOf(spec));
        }
        verdict.precondition(true, wanted(spec).isEmpty() ? name + " is there" : null);
        compare(verdict, spec, found.get());
        return verdict.result(Checks.idOf(spec));
    }

    private static void compare(Verdict verdict, InterfaceCheck spec, IpLink link) {
        String name = spec.name();
        if (spec.kind() != null) {
            verdict.require(kindPhrase(spec), spec.kind().equals(link.kind()), name + " is "
                    + (link.kind() == null ? "of no particular kind" : "a " + link.kind()));
        }
        if (spec.up() != null) {
            verdict.require(upPhrase(spec), link.up() == spec.up(), name + " is " + (link.up() ? "up" : "down")
                    + (!link.up() && spec.up() ? " (ip link set " + name + " up)" : ""));
        }
        if (spec.address() != null) {
            verdict.require(addressPhrase(spec), hasAddress(link, spec.address()), link.ipv4Addresses().isEmpty()
                    ? name + " has no IPv4 address" : name + " has " + String.join(", ", link.ipv4Addresses()));
        }
        if (spec.master() != null) {
            verdict.require(masterPhrase(spec), spec.master().equals(link.master()), link.master() == null
                    ? name + " is not attached to a bridge (ip link set " + name + " master " + spec.master() + ")"
                    : name + " is attached to " + link.master());
        }
        if (spec.peerInOtherNamespace() != null) {
            boolean veth = "veth".equals(link.kind());
            verdict.require(peerPhrase(spec), veth && link.peerInOtherNamespace() == spec.peerInOtherNamespace(),
                    !veth ? name + " is not a veth, so it has no peer"
                            : link.peerInOtherNamespace() ? name + "'s peer is in another network namespace"
                                    : name + "'s peer is in the same network namespace (ip link set PEER netns PID)");
        }
    }

    static List<IpLink> links(CheckContext context) {
        return IpJson.links(CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.NET),
                "ip -j -d addr show"), "ip addr in " + Texts.possessive(context.targetName()) + " network namespace")
                .stdout());
    }

    /** With a prefix ("10.0.0.2/24") the prefix must match too; without one, any prefix will do. */
    static boolean hasAddress(IpLink link, String wanted) {
        return link.addresses().stream().anyMatch(a -> wanted.contains("/") ? a.equals(wanted)
                : a.substring(0, a.indexOf('/')).equals(wanted));
    }

    private static List<String> wanted(InterfaceCheck spec) {
        List<String> phrases = new java.util.ArrayList<>();
        if (spec.kind() != null) {
            phrases.add(kindPhrase(spec));
        }
        if (spec.up() != null) {
            phrases.add(upPhrase(spec));
        }
        if (spec.address() != null) {
            phrases.add(addressPhrase(spec));
        }
        if (spec.master() != null) {
            phrases.add(masterPhrase(spec));
        }
        if (spec.peerInOtherNamespace() != null) {
            phrases.add(peerPhrase(spec));
        }
        return phrases;
    }

    private static String kindPhrase(InterfaceCheck spec) {
        return "a " + spec.kind();
    }

    private static String upPhrase(InterfaceCheck spec) {
        return spec.up() ? "up" : "down";
    }

    private static String addressPhrase(InterfaceCheck spec) {
        return "with address " + spec.address();
    }

    private static String masterPhrase(InterfaceCheck spec) {
        return "attached to " + spec.master();
    }

    private static String peerPhrase(InterfaceCheck spec) {
        return spec.peerInOtherNamespace() ? "its peer in another network namespace"
                : "its peer in the same network namespace";
    }
}
