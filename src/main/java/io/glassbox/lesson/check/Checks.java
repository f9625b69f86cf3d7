package io.glassbox.lesson.check;

import io.glassbox.kernel.KernelException;
import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.CheckSpec.CapabilitiesCheck;
import io.glassbox.lesson.model.CheckSpec.CgroupCheck;
import io.glassbox.lesson.model.CheckSpec.CommandCheck;
import io.glassbox.lesson.model.CheckSpec.FileCheck;
import io.glassbox.lesson.model.CheckSpec.HostnameCheck;
import io.glassbox.lesson.model.CheckSpec.InterfaceCheck;
import io.glassbox.lesson.model.CheckSpec.IoCheck;
import io.glassbox.lesson.model.CheckSpec.MountCheck;
import io.glassbox.lesson.model.CheckSpec.NamespaceCheck;
import io.glassbox.lesson.model.CheckSpec.NatRuleCheck;
import io.glassbox.lesson.model.CheckSpec.PidCheck;
import io.glassbox.lesson.model.CheckSpec.ProcessCountCheck;
import io.glassbox.lesson.model.CheckSpec.ReachCheck;
import io.glassbox.lesson.model.CheckSpec.RootCheck;
import io.glassbox.lesson.model.CheckSpec.RouteCheck;
import io.glassbox.lesson.model.CheckSpec.SeccompCheck;
import io.glassbox.lesson.model.CheckSpec.SysctlCheck;
import io.glassbox.lesson.model.Target;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry of checkers: one per kind of {@link CheckSpec}, found by the spec's record class. Evaluating
 * never throws; whatever goes wrong while looking becomes a failed result that says "could not check: ...".
 */
public final class Checks {

    private static final Map<Class<? extends CheckSpec>, String> TYPE_NAMES = new HashMap<>();

    static {
        CheckSpec.TYPES.forEach((name, type) -> TYPE_NAMES.put(type, name));
    }

    private final Map<Class<? extends CheckSpec>, Checker<? extends CheckSpec>> checkers = new HashMap<>();

    public Checks() {
        register(NamespaceCheck.class, new NamespaceChecker());
        register(HostnameCheck.class, new HostnameChecker());
        register(PidCheck.class, new PidChecker());
        register(ProcessCountCheck.class, new ProcessCountChecker());
        register(RootCheck.class, new RootChecker());
        register(MountCheck.class, new MountChecker());
        register(FileCheck.class, new FileChecker());
        register(CgroupCheck.class, new CgroupChecker());
        register(InterfaceCheck.class, new InterfaceChecker());
        register(RouteCheck.class, new RouteChecker());
        register(NatRuleCheck.class, new NatRuleChecker());
        register(SysctlCheck.class, new SysctlChecker());
        register(ReachCheck.class, new ReachChecker());
        register(CommandCheck.class, new CommandChecker());
        register(CapabilitiesCheck.class, new CapabilitiesChecker());
        register(SeccompCheck.class, new SeccompChecker());
        register(IoCheck.class, new IoChecker());
    }

    private <S extends CheckSpec> void register(Class<S> type, Checker<S> checker) {
        checkers.put(type, checker);
    }

    /** Evaluates {@code spec} against the target {@code context} already names. */
    public CheckResult evaluate(CheckSpec spec, CheckContext context) {
        try {
            return checkerFor(spec).check(spec, context);
        } catch (RuntimeException e) {
            return CheckResult.fail(idOf(spec), checkOf(spec, context.target()), couldNotCheck(e, context));
        }
    }

    /**
     * Resolves the spec's target in the lab host of {@code lab} (a context whose target is the lab host) and
     * evaluates it; a target that is not there is a failed result naming it.
     */
    public CheckResult evaluate(CheckSpec spec, CheckContext lab, TargetResolver targets, long terminalPid) {
        ResolvedTarget target;
        try {
            target = targets.resolve(targetOf(spec), lab.lab(), terminalPid);
        } catch (TargetNotFoundException e) {
            return CheckResult.fail(idOf(spec), TargetResolver.label(targetOf(spec)).plus(" running", " 正在运行"),
                    e.reason());
        } catch (RuntimeException e) {
            return CheckResult.fail(idOf(spec), checkOf(spec, TargetResolver.label(targetOf(spec))),
                    couldNotCheck(e, lab));
        }
        return evaluate(spec, lab.withTarget(target.pid(), target.label()));
    }

    /**
     * The process a check looks at. A nat-rule check with no target reads the lab host's table, and a reach
     * check from the outside does not involve the target at all, so neither needs the learner's shell.
     */
    public static Target targetOf(CheckSpec spec) {
        if (spec.target() == null && (spec instanceof NatRuleCheck
                || spec instanceof ReachCheck reach && "outside".equals(reach.from()))) {
            return Target.LAB_HOST;
        }
        return spec.targetOrShell();
    }

    /** The check's id, or its type when the lesson gave none. */
    public static String idOf(CheckSpec spec) {
        return spec.id() != null ? spec.id() : typeOf(spec);
    }

    /** The YAML type of the check: "namespace", "process-count", ... */
    public static String typeOf(CheckSpec spec) {
        return TYPE_NAMES.getOrDefault(spec.getClass(), spec.getClass().getSimpleName());
    }

    @SuppressWarnings("unchecked")
    private Checker<CheckSpec> checkerFor(CheckSpec spec) {
        Checker<? extends CheckSpec> checker = checkers.get(spec.getClass());
        if (checker == null) {
            throw new CheckException(Phrase.of("no checker for " + typeOf(spec), "没有 " + typeOf(spec)
                    + " 类型的检查器"));
        }
        return (Checker<CheckSpec>) checker;
    }

    /** "a namespace check of the shell". */
    private static Phrase checkOf(CheckSpec spec, Phrase target) {
        return Phrase.of("a " + typeOf(spec) + " check of " + target.en(), "对" + target.zh() + "的 " + typeOf(spec)
                + " 检查");
    }

    /** "could not check: " and the reason. */
    private static Phrase couldNotCheck(RuntimeException e, CheckContext context) {
        return Phrase.of("could not check: ", "无法检查：").plus(reason(e, context));
    }

    /**
     * A learner-readable reason: a process that vanished from /proc has exited. A kernel's or a tool's own words
     * (an errno, what nsenter printed) stay as they were said, in either language.
     */
    static Phrase reason(RuntimeException e, CheckContext context) {
        Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
        if (cause instanceof NoSuchFileException missing && missing.getFile() != null
                && missing.getFile().startsWith(context.proc().root().toString() + "/")) {
            return Phrase.of("the process it looks at has exited (" + context.target().en() + ")",
                    "它查看的进程已经退出（" + context.target().zh() + "）");
        }
        if (e instanceof CheckException check) {
            return check.reason();
        }
        if (e instanceof KernelException) {
            return Phrase.literal(e.getMessage());
        }
        String message = cause.getMessage();
        return Phrase.literal(message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
    }
}
