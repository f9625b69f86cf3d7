package io.glassbox.lesson.check;

import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.Stage;
import io.glassbox.lesson.model.Target;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.OutsideNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a stage of a lesson against one learner's lab host: each check's target is resolved from the
 * learner's terminal (the shell they type into, or a process a selector names), then the check runs.
 */
public final class StageChecker {

    private final Checks checks;
    private final TargetResolver targets;
    private final KernelStateReader states;
    private final ProcFs proc;
    private final CgroupDriver cgroups;
    private final CommandRunner commands;
    private final OutsideNetwork outside;

    public StageChecker(ProcFs proc, CgroupDriver cgroups, CommandRunner commands, OutsideNetwork outside) {
        this.proc = proc;
        this.cgroups = cgroups;
        this.commands = commands;
        this.outside = outside;
        this.checks = new Checks();
        this.targets = new TargetResolver(proc, cgroups);
        this.states = new KernelStateReader(proc, cgroups, commands);
    }

    /**
     * Runs every check of {@code stage}, and when it does not pass, names the stage's mistakes the learner made;
     * {@code terminalPid} is the learner's terminal program on the machine.
     */
    public StageResult check(Stage stage, LabHost lab, long terminalPid) {
        CheckContext labHost = new CheckContext(lab, lab.initPid(), TargetResolver.label(Target.LAB_HOST), proc, cgroups, commands,
                outside);
        List<CheckResult> results = new ArrayList<>();
        for (CheckSpec spec : stage.checks()) {
            results.add(checks.evaluate(spec, labHost, targets, terminalPid));
        }
        boolean passed = results.stream().allMatch(CheckResult::passed);
        return new StageResult(stage.id(), passed, results,
                MistakeMatcher.matching(stage, results, () -> RecentCommands.read(labHost)));
    }

    /** Whether the learner is looking at a shell prompt (a shell is the terminal's foreground process). */
    public boolean atPrompt(LabHost lab, long terminalPid) {
        return targets.isAtPrompt(lab, terminalPid);
    }

    /** The kernel state of the terminal's foreground process, for the lesson page's live panel. */
    public KernelState state(LabHost lab, long terminalPid) {
        ResolvedTarget shell = targets.resolve(Target.SHELL, lab, terminalPid);
        return states.read(lab, shell.pid(), shell.label());
    }
}
