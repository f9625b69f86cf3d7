package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.RouteCheck;
import java.util.EnumSet;
import java.util.List;

/**
 * A route in the target's network namespace (the main table, as {@code ip route} shows it), read by the
 * machine's {@code ip -j route show} in a child that joins only that namespace.
 */
final class RouteChecker implements Checker<RouteCheck> {

    @Override
    public CheckResult check(RouteCheck spec, CheckContext context) {
        List<IpRoute> routes = IpJson.routes(CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.NET),
                "ip -j route show"), Phrase.of("ip route in " + Texts.possessive(context.targetName())
                        + " network namespace", "在" + context.target().zh() + "的网络命名空间里运行 ip route")).stdout());
        String wanted = new IpRoute(spec.destination(), spec.via(), spec.dev()).toString();
        Phrase expected = Phrase.of("a route " + wanted + " in " + Texts.possessive(context.targetName())
                + " network namespace", context.targets().zh() + "网络命名空间里的路由 " + wanted);
        for (IpRoute route : routes) {
            if (matches(route, spec)) {
                return CheckResult.pass(Checks.idOf(spec), expected, Phrase.of("it has ", "有路由 ").plus(route.toString()));
            }
        }
        Phrase have = routes.isEmpty() ? Phrase.of("it has no routes at all (an interface that is up and addressed"
                + " brings one)", "它一条路由也没有（一个已启用且有地址的接口会带来一条）")
                : Phrase.of("its routes are: ", "它的路由是：").plus(String.join("; ",
                        routes.stream().map(IpRoute::toString).toList()));
        return CheckResult.fail(Checks.idOf(spec), expected, have);
    }

    static boolean matches(IpRoute route, RouteCheck spec) {
        return sameDestination(route.destination(), spec.destination())
                && (spec.via() == null || spec.via().equals(route.gateway()))
                && (spec.dev() == null || spec.dev().equals(route.dev()));
    }

    /** ip prints a host route without its /32 (or /128), and "0.0.0.0/0" as "default". */
    static boolean sameDestination(String actual, String wanted) {
        return normalize(actual).equals(normalize(wanted));
    }

    private static String normalize(String destination) {
        String d = destination.strip();
        if (d.equals("0.0.0.0/0") || d.equals("::/0")) {
            return "default";
        }
        if (d.equals("default") || d.contains("/")) {
            return d;
        }
        return d + (d.contains(":") ? "/128" : "/32");
    }
}
