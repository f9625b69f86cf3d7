package io.glassbox.lesson.check;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static io.glassbox.testing.KernelTests.PROC;

import io.glassbox.host.CommandResult;
import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.Target;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.Sandbox;
import io.glassbox.testing.SandboxExtension;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real lab host for a check test, destroyed with everything started in it (killing its PID 1 ends its
 * whole PID namespace). Runs commands in it as the learner would and evaluates checks against it. Register it
 * ({@code @RegisterExtension final CheckLab lab = new CheckLab(SANDBOX);}) for a fresh lab host per test, or
 * {@link #open} one for a try-with-resources block.
 */
final class CheckLab implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    static final Checks CHECKS = new Checks();

    private final SandboxExtension extension;
    private Sandbox sandbox;
    LabHost host;
    TargetResolver targets;

    CheckLab(SandboxExtension extension) {
        this.extension = extension;
    }

    /** A lab host now, for a try-with-resources block. */
    static CheckLab open(SandboxExtension extension) {
        CheckLab lab = new CheckLab(extension);
        lab.create();
        return lab;
    }

    private void create() {
        sandbox = extension.sandbox();
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        host = sandbox.create(HexFormat.of().formatHex(id));
        targets = new TargetResolver(PROC, sandbox.cgroups());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        create();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Runs {@code script} in the lab host as its root, like a learner's command, and waits for it. */
    CommandResult run(String script) {
        return COMMANDS.run(host.exec(List.of("/bin/sh", "-c", script)));
    }

    /** Starts {@code script} in the background in the lab host; it lives until the lab host is destroyed. */
    void start(String script) {
        CommandResult result = run("(" + script + ") </dev/null >/dev/null 2>&1 &");
        if (!result.succeeded()) {
            throw new AssertionError("could not start " + script + ": " + result.stderr());
        }
    }

    /** A context looking at the lab host's PID 1. */
    CheckContext labContext() {
        return new CheckContext(host, host.initPid(), TargetResolver.label(Target.LAB_HOST), PROC, sandbox.cgroups(), COMMANDS,
                sandbox.outside());
    }

    /**
     * Waits until a process of the lab host runs exactly {@code cmdline} (so the shell that execs it has done
     * everything before), and returns it as a {cmdline: ...} target resolves it.
     */
    ResolvedTarget await(String cmdline) throws Exception {
        Target target = new Target(Target.Kind.CMDLINE, cmdline);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                ResolvedTarget found = targets.resolve(target, host, -1);
                if (String.join(" ", PROC.cmdline(found.pid())).equals(cmdline)) {
                    return found;
                }
            } catch (TargetNotFoundException | java.io.IOException e) {
                // not (yet) there
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no process running exactly '" + cmdline + "' in the lab host");
            }
            Thread.sleep(50);
        }
    }

    /** Kills every process of the lab host running {@code cmdline} (SIGKILL: a PID 1 ignores SIGTERM) and waits. */
    void kill(ResolvedTarget target) throws InterruptedException {
        run("kill -KILL $(pgrep -f '^" + String.join(" ", cmdlineOf(target)) + "$')");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (PROC.exists(target.pid())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(target + " did not exit");
            }
            Thread.sleep(20);
        }
    }

    private static List<String> cmdlineOf(ResolvedTarget target) {
        try {
            return PROC.cmdline(target.pid());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Evaluates {@code spec} against {@code target}. */
    CheckResult check(CheckSpec spec, ResolvedTarget target) {
        return log(CHECKS.evaluate(spec, labContext().withTarget(target.pid(), target.label())));
    }

    /** Evaluates {@code spec} against the lab host's PID 1. */
    CheckResult checkLabHost(CheckSpec spec) {
        return log(CHECKS.evaluate(spec, labContext()));
    }

    /** Shows every message in the test output, in both languages, so a reader can judge how they read to a learner. */
    static CheckResult log(CheckResult result) {
        System.out.println((result.passed() ? "PASS " : "FAIL ") + result.id() + ": " + result.message());
        System.out.println("     " + result.id() + ": " + result.message("zh-CN"));
        return result;
    }

    @Override
    public void close() {
        sandbox.destroy(host);
    }
}
