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
                COUNT), "counting the processes in " + Texts.possessive(context.targetName()) + " /proc").stdout();
        long seen = Long.parseLong(out.strip());
        boolean tooFew = spec.min() != null && seen < spec.min();
        boolean tooMany = spec.max() != null && seen > spec.max();
        String observed = context.targetName() + " sees " + Texts.count(seen, "process", "processes") + " in /proc";
        if (!tooFew && !tooMany) {
            return CheckResult.pass(Checks.idOf(spec), expected(spec), observed);
        }
        return CheckResult.fail(Checks.idOf(spec), expected(spec), observed + hint(context, seen, tooMany));
    }

    private static String hint(CheckContext context, long seen, boolean tooMany) {
        if (seen == 0) {
            return " (nothing is mounted on its /proc: mount -t proc proc /proc)";
        }
        if (!tooMany) {
            return "";
        }
        boolean labPidNs = context.namespace(context.targetPid(), NamespaceType.PID)
                .equals(context.namespace(context.lab().initPid(), NamespaceType.PID));
        return labPidNs ? " (it is in the lab host's PID namespace, so it sees all of the lab host's processes)"
                : " (if its /proc is still the lab host's, mount one for its own PID namespace:"
                        + " unshare --pid --fork --mount-proc does both)";
    }

    private static String expected(ProcessCountCheck spec) {
        if (spec.min() != null && spec.max() != null) {
            return spec.min().equals(spec.max()) ? "exactly " + Texts.count(spec.min(), "process", "processes")
                    + " visible in /proc"
                    : "between " + spec.min() + " and " + spec.max() + " processes visible in /proc";
        }
        return spec.max() != null ? "at most " + Texts.count(spec.max(), "process", "processes") + " visible in /proc"
                : "at least " + Texts.count(spec.min(), "process", "processes") + " visible in /proc";
    }
}
