package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.ProcessCountCheck;
import java.util.EnumSet;

/**
 * How many processes the target sees: the numeric entries of the /proc in its own filesystem view, which is
 * what ps(1) lists. The count runs as the lab's root inside the target's user and mount namespaces (never
 * through /proc/pid/root from the server), and its own processes stay in the machine's PID namespace, so they
 * never appear in a lab's /proc and are not counted.
 */
final class ProcessCountChecker implements Checker<ProcessCountCheck> {

    private static final String COUNT = "n=0; for e in /proc/[0-9]*; do [ -d \"$e\" ] && n=$((n+1)); done; echo $n";

    @Override
    public CheckResult check(ProcessCountCheck spec, CheckContext context) {
        String out = CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.USER, NamespaceType.MNT),
                COUNT), Phrase.of("counting the processes in " + Texts.possessive(context.targetName()) + " /proc",
                        "统计" + context.target().zh() + "的 /proc 里的进程")).stdout();
        long seen = Long.parseLong(out.strip());
        boolean tooFew = spec.min() != null && seen < spec.min();
        boolean tooMany = spec.max() != null && seen > spec.max();
        Phrase observed = context.target().plus(" sees " + Texts.count(seen, "process", "processes") + " in /proc",
                "在 /proc 里看到 " + seen + " 个进程");
        if (!tooFew && !tooMany) {
            return CheckResult.pass(Checks.idOf(spec), expected(spec), observed);
        }
        return CheckResult.fail(Checks.idOf(spec), expected(spec), observed.plus(hint(context, seen, tooMany)));
    }

    private static Phrase hint(CheckContext context, long seen, boolean tooMany) {
        if (seen == 0) {
            return Phrase.of(" (nothing is mounted on its /proc: mount -t proc proc /proc)",
                    "（它的 /proc 上什么也没挂载：mount -t proc proc /proc）");
        }
        if (!tooMany) {
            return Phrase.EMPTY;
        }
        boolean labPidNs = context.namespace(context.targetPid(), NamespaceType.PID)
                .equals(context.namespace(context.lab().initPid(), NamespaceType.PID));
        return labPidNs ? Phrase.of(" (it is in the lab host's PID namespace, so it sees all of the lab host's processes)",
                "（它在实验主机的 PID 命名空间里，所以看得到实验主机的所有进程）")
                : Phrase.of(" (if its /proc is still the lab host's, mount one for its own PID namespace:"
                        + " unshare --pid --fork --mount-proc does both)", "（如果它的 /proc 仍是实验主机的，就为它自己的"
                        + " PID 命名空间挂载一个：unshare --pid --fork --mount-proc 两件事都做）");
    }

    private static Phrase expected(ProcessCountCheck spec) {
        if (spec.min() != null && spec.max() != null) {
            return spec.min().equals(spec.max()) ? Phrase.of("exactly " + Texts.count(spec.min(), "process", "processes")
                    + " visible in /proc", "/proc 里恰好看得到 " + spec.min() + " 个进程")
                    : Phrase.of("between " + spec.min() + " and " + spec.max() + " processes visible in /proc",
                            "/proc 里看得到 " + spec.min() + " 到 " + spec.max() + " 个进程");
        }
        return spec.max() != null ? Phrase.of("at most " + Texts.count(spec.max(), "process", "processes")
                + " visible in /proc", "/proc 里最多看得到 " + spec.max() + " 个进程")
                : Phrase.of("at least " + Texts.count(spec.min(), "process", "processes") + " visible in /proc",
                        "/proc 里至少看得到 " + spec.min() + " 个进程");
    }
}
