package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.SysctlCheck;
import java.util.EnumSet;

/**
 * A sysctl as the target sees it. Files under /proc/sys answer for the namespaces of the process that reads
 * them: net.* for its network namespace, kernel.hostname and kernel.domainname for its UTS namespace,
 * kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.* for its IPC namespace (man 7 network_namespaces,
 * uts_namespaces, ipc_namespaces). So a child joins those three namespaces of the target and reads the file
 * with the machine's cat from the machine's /proc, a tree no learner can plant links in; every other sysctl
 * is global and reads the same anywhere.
 */
final class SysctlChecker implements Checker<SysctlCheck> {

    @Override
    public CheckResult check(SysctlCheck spec, CheckContext context) {
        String name = spec.name();
        if (name == null || !name.matches("[a-z0-9_]+(\\.[a-z0-9_-]+)+")) {
            throw new CheckException(Texts.lessonMistake("the lesson names a sysctl that is not of the form net.ipv4.ip_forward: " + name));
        }
        String file = "/proc/sys/" + name.replace('.', '/');
        String out = CheckException.requireRan(context.inTarget(
                EnumSet.of(NamespaceType.NET, NamespaceType.UTS, NamespaceType.IPC),
                "f=" + Texts.quote(file) + "; if [ -r \"$f\" ]; then echo found; cat \"$f\"; else echo missing; fi"),
                Phrase.of("reading ", "读取 ").plus(file)).stdout();
        String wanted = normalize(spec.equals());
        Phrase expected = Phrase.of(name + " = " + wanted + " for " + context.targetName(),
                "对" + context.target().zh() + "而言 " + name + " = " + wanted);
        if (out.startsWith("missing")) {
            return CheckResult.fail(Checks.idOf(spec), expected, Phrase.of("this kernel has no " + name + " (" + file
                    + ")", "这个内核没有 " + name + "（" + file + "）"));
        }
        String actual = normalize(out.substring(out.indexOf('\n') + 1));
        boolean net = name.startsWith("net.");
        Phrase observed = Phrase.of(name + " is " + actual + (net ? " in " + Texts.possessive(context.targetName())
                + " network namespace" : ""), (net ? "在" + context.target().zh() + "的网络命名空间里，" : "") + name
                + " 是 " + actual);
        return actual.equals(wanted) ? CheckResult.pass(Checks.idOf(spec), expected, observed)
                : CheckResult.fail(Checks.idOf(spec), expected, observed.plus(" (sysctl -w " + name + "=" + wanted + ")",
                        "（sysctl -w " + name + "=" + wanted + "）"));
    }

    /** Multi-value sysctls (net.ipv4.ip_local_port_range) separate values with tabs; compare them as one space. */
    static String normalize(String value) {
        return value == null ? "" : value.strip().replaceAll("\\s+", " ");
    }
}
