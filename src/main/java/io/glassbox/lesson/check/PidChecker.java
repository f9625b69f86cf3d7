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
        Phrase where = labPidNs ? Phrase.of("the lab host's PID namespace", "实验主机的 PID 命名空间里")
                : Phrase.of("its own PID namespace (" + target + ")", "它自己的 PID 命名空间里（" + target + "）");
        Phrase expected = Phrase.of("pid " + spec.equals() + " in its own PID namespace",
                "在它自己的 PID 命名空间里是 pid " + spec.equals());
        Phrase observed = context.target().plus(" is pid " + own + " in " + where.en(),
                "在" + where.zh() + "是 pid " + own);
        if (own == spec.equals()) {
            return CheckResult.pass(Checks.idOf(spec), expected, observed);
        }
        Phrase hint = labPidNs ? Phrase.of(" (it has no PID namespace of its own)", "（它没有自己的 PID 命名空间）")
                : own > 1 && spec.equals() == 1 ? Phrase.of(" (the first process started in a new PID namespace is"
                        + " pid 1: unshare --pid needs --fork)", "（新 PID 命名空间里启动的第一个进程才是 pid 1：unshare"
                        + " --pid 需要 --fork）") : Phrase.EMPTY;
        return CheckResult.fail(Checks.idOf(spec), expected, observed.plus(hint));
    }
}
