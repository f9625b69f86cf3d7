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
        Phrase where = Phrase.of(" in " + Texts.possessive(context.targetName()) + " network namespace",
                "（在" + context.target().zh() + "的网络命名空间里）");
        if (Boolean.FALSE.equals(spec.present())) {
            Phrase expected = Phrase.of("no interface " + name, "没有接口 " + name).plus(where);
            return found.isEmpty() ? CheckResult.pass(Checks.idOf(spec), expected,
                    Phrase.of("there is no " + name, "没有 " + name))
                    : CheckResult.fail(Checks.idOf(spec), expected, Phrase.of(name + " is still there", name + " 仍然在"));
        }
        Verdict verdict = new Verdict(Phrase.of("an interface " + name, "接口 " + name).plus(where));
        if (found.isEmpty()) {
            String names = String.join(", ", links.stream().map(IpLink::name).toList());
            verdict.precondition(false, Phrase.of("there is no " + name + "; the interfaces there are " + names,
                    "没有 " + name + "；那里的接口是 " + names));
            wanted(spec).forEach(verdict::want);
            return verdict.result(Checks.idOf(spec));
        }
        verdict.precondition(true, wanted(spec).isEmpty() ? Phrase.of(name + " is there", name + " 在那里") : null);
        compare(verdict, spec, found.get());
        return verdict.result(Checks.idOf(spec));
    }

    private static void compare(Verdict verdict, InterfaceCheck spec, IpLink link) {
        String name = spec.name();
        if (spec.kind() != null) {
            verdict.require(kindPhrase(spec), spec.kind().equals(link.kind()), link.kind() == null
                    ? Phrase.of(name + " is of no particular kind", name + " 没有特定类型")
                    : Phrase.of(name + " is a " + link.kind(), name + " 是 " + link.kind()));
        }
        if (spec.up() != null) {
            verdict.require(upPhrase(spec), link.up() == spec.up(), Phrase.of(name + " is " + (link.up() ? "up" : "down"),
                    name + (link.up() ? " 已启用" : " 未启用")).plus(!link.up() && spec.up()
                            ? " (ip link set " + name + " up)" : ""));
        }
        if (spec.address() != null) {
            verdict.require(addressPhrase(spec), hasAddress(link, spec.address()), link.ipv4Addresses().isEmpty()
                    ? Phrase.of(name + " has no IPv4 address", name + " 没有 IPv4 地址")
                    : Phrase.of(name + " has ", name + " 的地址是 ").plus(String.join(", ", link.ipv4Addresses())));
        }
        if (spec.master() != null) {
            verdict.require(masterPhrase(spec), spec.master().equals(link.master()), link.master() == null
                    ? Phrase.of(name + " is not attached to a bridge", name + " 没有接到网桥上")
                            .plus(" (ip link set " + name + " master " + spec.master() + ")")
                    : Phrase.of(name + " is attached to ", name + " 接在 ").plus(link.master())
                            .plus("", " 上"));
        }
        if (spec.peerInOtherNamespace() != null) {
            boolean veth = "veth".equals(link.kind());
            verdict.require(peerPhrase(spec), veth && link.peerInOtherNamespace() == spec.peerInOtherNamespace(),
                    !veth ? Phrase.of(name + " is not a veth, so it has no peer", name + " 不是 veth，所以没有另一端")
                            : link.peerInOtherNamespace() ? Phrase.of(name + "'s peer is in another network namespace",
                                    name + " 的另一端在另一个网络命名空间里")
                                    : Phrase.of(name + "'s peer is in the same network namespace",
                                            name + " 的另一端在同一个网络命名空间里").plus(" (ip link set PEER netns PID)",
                                                    "（ip link set 另一端 netns PID）"));
        }
    }

    static List<IpLink> links(CheckContext context) {
        return IpJson.links(CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.NET),
                "ip -j -d addr show"), Phrase.of("ip addr in " + Texts.possessive(context.targetName())
                        + " network namespace", "在" + context.target().zh() + "的网络命名空间里运行 ip addr")).stdout());
    }

    /** With a prefix ("10.0.0.2/24") the prefix must match too; without one, any prefix will do. */
    static boolean hasAddress(IpLink link, String wanted) {
        return link.addresses().stream().anyMatch(a -> wanted.contains("/") ? a.equals(wanted)
                : a.substring(0, a.indexOf('/')).equals(wanted));
    }

    private static List<Phrase> wanted(InterfaceCheck spec) {
        List<Phrase> phrases = new java.util.ArrayList<>();
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

    private static Phrase kindPhrase(InterfaceCheck spec) {
        return Phrase.of("a " + spec.kind(), "是 " + spec.kind());
    }

    private static Phrase upPhrase(InterfaceCheck spec) {
        return spec.up() ? Phrase.of("up", "已启用") : Phrase.of("down", "未启用");
    }

    private static Phrase addressPhrase(InterfaceCheck spec) {
        return Phrase.of("with address " + spec.address(), "地址为 " + spec.address());
    }

    private static Phrase masterPhrase(InterfaceCheck spec) {
        return Phrase.of("attached to " + spec.master(), "接在 " + spec.master() + " 上");
    }

    private static Phrase peerPhrase(InterfaceCheck spec) {
        return spec.peerInOtherNamespace() ? Phrase.of("its peer in another network namespace", "另一端在另一个网络命名空间里")
                : Phrase.of("its peer in the same network namespace", "另一端在同一个网络命名空间里");
    }
}
