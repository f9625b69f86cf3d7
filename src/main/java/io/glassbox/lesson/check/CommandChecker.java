package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.CommandCheck;
import java.util.EnumSet;

/**
 * The escape hatch: the lesson's shell command, run by the target's /bin/sh inside every namespace of the
 * target but time (nsenter also takes its root and working directory), as the lab's root, in the lab's cgroup.
 * It can do nothing the learner could not do at their own prompt.
 */
final class CommandChecker implements Checker<CommandCheck> {

    @Override
    public CheckResult check(CommandCheck spec, CheckContext context) {
        CommandResult result = context.inTarget(EnumSet.complementOf(EnumSet.of(NamespaceType.TIME)), spec.run());
        Phrase namespaces = Phrase.of(" in " + Texts.possessive(context.targetName()) + " namespaces",
                "（在" + context.target().zh() + "的命名空间里）");
        if (CheckException.failedToEnter(result)) {
            throw new CheckException(Phrase.of("running the command", "运行命令").plus(namespaces)
                    .plus(" failed: ", "失败：").plus(CheckException.said(result)));
        }
        int wantedExit = spec.exitCode() == null ? 0 : spec.exitCode();
        String output = result.stdout() + result.stderr();
        Verdict verdict = new Verdict(Phrase.literal("`" + spec.run() + "`").plus(namespaces));
        Phrase exitPhrase = Phrase.of("exiting with " + wantedExit, "退出码为 " + wantedExit);
        if (result.exitCode() == CommandRunner.TIMED_OUT) {
            long seconds = result.elapsed().toSeconds();
            verdict.precondition(false, Phrase.of("it did not finish within " + seconds + " s",
                    "它没有在 " + seconds + " 秒内结束"));
            verdict.want(exitPhrase);
        } else {
            verdict.require(exitPhrase, result.exitCode() == wantedExit, Phrase.of("it exited with " + result.exitCode(),
                    "它的退出码是 " + result.exitCode()).plus(spec.contains() == null
                            ? Phrase.of(" and printed ", "，输出了").plus(Texts.quoted(output)) : Phrase.EMPTY));
        }
        if (spec.contains() != null) {
            String text = "\"" + spec.contains() + "\"";
            verdict.require(Phrase.of("printing " + text, "输出 " + text), output.contains(spec.contains()),
                    Phrase.of("it printed ", "它输出了").plus(Texts.quoted(output)));
        }
        return verdict.result(Checks.idOf(spec));
    }
}
