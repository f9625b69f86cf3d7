package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceId;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.PidCheck;
import java.util.List;

/**
 * The target's pid inside its own PID namespace: the last entry of {@code NSpid:} in /proc/pid/status, which
 * lists the pid in every PID namespace the process is visible in, outermost first (man 5 proc).
 */
final class PidChecker implements Checker<PidCheck> {

    @Override
    public CheckResult check(PidCheck spec, CheckContext context) {
        List<Long> chain = context.targetNsPids();
        long own = chain.get(chain.size() - 1);
        NamespaceId target = context.namespace(context.targetPid(), NamespaceType.PID);
        boolean labPidNs = target.equals(context.namespace(context.lab().initPid(), NamespaceType.PID));
        String where = labPidNs ? "the lab host's PID namespace" : "its own PID namespace (" + target + ")";
        String expected = "pid " + spec.equals() + " in its own PID namespace";
        String observed = context.targetName() + " is pid " + own + " in " + where;
        if (own == spec.equals()) {
            return CheckResult.pass(Checks.idOf(spec), expected, observed);
        }
        String hint = labPidNs ? " (it has no PID namespace of its own)"
                : own > 1 && spec.equals() == 1 ? " (the first process started in a new PID namespace is pid 1:"
                        + " unshare --pid needs --fork)" : "";
        return CheckResult.fail(Checks.idOf(spec), expected, observed + hint);
    }
}
