package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.HostnameCheck;
import java.util.EnumSet;

/**
 * The hostname in the target's UTS namespace: sethostname(2) and gethostname(2) act on the caller's UTS
 * namespace, so a child that joins only that namespace and runs the machine's hostname(1) reads exactly the
 * name the target sees. No mount namespace is needed, so nothing of the target's filesystem is touched.
 */
final class HostnameChecker implements Checker<HostnameCheck> {

    @Override
    public CheckResult check(HostnameCheck spec, CheckContext context) {
        String actual = CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.UTS), "hostname"),
                Phrase.of("hostname in " + Texts.possessive(context.targetName()) + " UTS namespace",
                        "在" + context.target().zh() + "的 UTS 命名空间里运行 hostname")).stdout().strip();
        Phrase expected = Phrase.of("the hostname " + spec.equals(), "主机名 " + spec.equals());
        Phrase observed = context.targets().plus(" hostname is " + actual, "主机名是 " + actual);
        if (actual.equals(spec.equals())) {
            return CheckResult.pass(Checks.idOf(spec), expected, observed);
        }
        boolean labUts = context.namespace(context.targetPid(), NamespaceType.UTS)
                .equals(context.namespace(context.lab().initPid(), NamespaceType.UTS));
        return CheckResult.fail(Checks.idOf(spec), expected, labUts ? observed.plus(
                " (it is in the lab host's UTS namespace: renaming there would rename the lab host)",
                "（它在实验主机的 UTS 命名空间里：在那里改名，改的是实验主机的名字）") : observed);
    }
}
