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
        if (CheckException.failedToEnter(result)) {
            throw new CheckException("running the command in " + Texts.possessive(context.targetName())
                    + " namespaces failed: " + CheckException.said(result));
        }
        int wantedExit = spec.exitCode() == null ? 0 : spec.exitCode();
        String output = result.stdout() + result.stderr();
        Verdict verdict = new Verdict("`" + spec.run() + "` in " + Texts.possessive(context.targetName())
                + " namespaces");
        String exitPhrase = "exiting with " + wantedExit;
        if (result.exitCode() == CommandRunner.TIMED_OUT) {
            verdict.precondition(false, "it did not finish within " + result.elapsed().toSeconds() + " s");
            verdict.want(exitPhrase);
        } else {
            verdict.require(exitPhrase, result.exitCode() == wantedExit, "it exited with " + result.exitCode()
                    + (spec.contains() == null ? " and printed " + Texts.excerpt(output) : ""));
        }
        if (spec.contains() != null) {
            verdict.require("printing \"" + spec.contains() + "\"", output.contains(spec.contains()),
                    "it printed " + Texts.excerpt(output));
        }
        return verdict.result(Checks.idOf(spec));
    }
}
