package io.glassbox.lesson.check;

import static io.glassbox.testing.KernelTests.PROC;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec.NamespaceCheck;
import io.glassbox.lesson.model.CheckSpec.PidCheck;
import io.glassbox.lesson.model.Target;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.terminal.LabShells;
import io.glassbox.terminal.Pty;
import io.glassbox.testing.OutputCollector;
import io.glassbox.testing.SandboxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Finding the learner's foreground process through a real terminal, as the lesson page does. */
@Tag("kernel")
class TargetResolverKernelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.USERNS, 1_190_000_000L);

    @RegisterExtension
    final CheckLab lab = new CheckLab(SANDBOX);
    Pty terminal;
    OutputCollector output;

    @BeforeEach
    void openTerminal() {
        terminal = LabShells.of(lab.host).start(80, 24);
        output = new OutputCollector();
        terminal.start(output);
        output.await("# $", WAIT);
    }

    @AfterEach
    void closeTerminal() {
        terminal.close();
    }

    @Test
    void theShellIsTheForegroundProcessHoweverDeeplyNested() throws Exception {
        ResolvedTarget login = shell();
        assertThat(login.name()).isEqualTo("the shell");
        assertThat(PROC.cmdline(login.pid())).containsExactly("/bin/bash", "--login");
        assertThat(lab.targets.isAtPrompt(lab.host, terminal.pid())).isTrue();
        NamespaceCheck ownUts = new NamespaceCheck(null, null, null, "uts", null);
        assertThat(evaluate(ownUts).passed()).isFalse();

        type("unshare --uts bash\n");
        // Until unshare has execed bash, the foreground process is "unshare": the check would come too early.
        ResolvedTarget inner = awaitShell(t -> t.pid() != login.pid() && t.name().equals("the shell"));
        assertThat(inner.name()).isEqualTo("the shell");
        // unshare enters the new namespace before it execs bash: a check in between passes on "unshare".
        CheckResult utsOfInner = await(ownUts, r -> r.passed() && r.observed().startsWith("the shell"));
        assertThat(utsOfInner.passed()).as(utsOfInner.message()).isTrue();
        assertThat(utsOfInner.observed()).startsWith("the shell is in uts:[");

        type("sleep 1060\n");
        ResolvedTarget sleep = awaitShell(t -> !t.name().equals("the shell"));
        assertThat(sleep.name()).isEqualTo("the foreground process (sleep)");
        assertThat(lab.targets.isAtPrompt(lab.host, terminal.pid())).isFalse();
        assertThat(lab.targets.resolve(new Target(Target.Kind.PROCESS, "sleep"), lab.host, -1).pid())
                .isEqualTo(sleep.pid());
        type("\u0003");
        assertThat(awaitShell(t -> t.pid() == inner.pid()).name()).isEqualTo("the shell");

        // A pipeline's group leader is its first command; once it has exited, another member of the group counts.
        type("true | sleep 1061\n");
        ResolvedTarget piped = awaitShell(t -> t.name().contains("sleep"));
        assertThat(PROC.cmdline(piped.pid())).containsExactly("sleep", "1061");
        type("\u0003");

        type("unshare --pid --fork --mount-proc bash\n");
        awaitShell(t -> t.pid() != inner.pid() && t.name().equals("the shell"));
        CheckResult pidOne = await(new PidCheck(null, null, null, 1L), CheckResult::passed);
        assertThat(pidOne.passed()).as(pidOne.message()).isTrue();
        assertThat(lab.targets.isAtPrompt(lab.host, terminal.pid())).isTrue();

        type("exit\nexit\n");
        // While a job is ending, its process group is empty and the resolver falls back to the login shell even
        // though the inner shell still lives and is about to take the terminal back: wait for that shell to be gone.
        awaitExit(inner.pid());
        assertThat(awaitShell(t -> t.pid() == login.pid()).name()).isEqualTo("the shell");
        assertThat(evaluate(ownUts).passed()).isFalse();
    }

    @Test
    void namedProcessesAndMissingOnes() throws Exception {
        lab.start("exec sleep 1062");
        lab.start("exec sleep 1063");
        // both started in the background: until each has exec'd, it is a shell, not a sleep
        lab.await("sleep 1062");
        lab.await("sleep 1063");
        ResolvedTarget newest = lab.targets.resolve(new Target(Target.Kind.PROCESS, "sleep"), lab.host, -1);
        assertThat(newest.name()).isEqualTo("the process sleep");
        assertThat(PROC.cmdline(newest.pid())).containsExactly("sleep", "1063");
        assertThat(lab.targets.resolve(Target.LAB_HOST, lab.host, -1))
                .isEqualTo(new ResolvedTarget(lab.host.initPid(), TargetResolver.label(Target.LAB_HOST)));
        CheckResult missing = CheckLab.log(CheckLab.CHECKS.evaluate(new NamespaceCheck(null,
                new Target(Target.Kind.PROCESS, "httpd"), null, "net", null), lab.labContext(), lab.targets,
                terminal.pid()));
        assertThat(missing.passed()).isFalse();
        assertThat(missing.message()).isEqualTo("expected the process httpd running; no process of the lab host is"
                + " called httpd (has it started? ps shows them)");
    }

    /** A terminal pid whose grandchild is a process of the machine must not make that process a target. */
    @Test
    void aProcessOfTheMachineIsNeverATarget() throws Exception {
        Process outside = io.glassbox.testing.KernelTests.COMMANDS.start(
                java.util.List.of("sh", "-c", "sh -c 'sleep 1064; :'; :"), java.util.Map.of(),
                ProcessBuilder.Redirect.DISCARD);
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (outside.descendants().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lab.targets.isAtPrompt(lab.host, outside.pid())).isFalse();
            CheckResult result = CheckLab.log(CheckLab.CHECKS.evaluate(new NamespaceCheck(null, null, null, "uts",
                    null), lab.labContext(), lab.targets, outside.pid()));
            assertThat(result.passed()).isFalse();
            assertThat(result.observed()).isEqualTo("the terminal's shell is not a process of this lab host");
        } finally {
            outside.descendants().forEach(ProcessHandle::destroyForcibly);
            outside.destroyForcibly().waitFor();
        }
    }

    private CheckResult evaluate(io.glassbox.lesson.model.CheckSpec spec) {
        return CheckLab.log(CheckLab.CHECKS.evaluate(spec, lab.labContext(), lab.targets, terminal.pid()));
    }

    /**
     * The check's result once it is the wanted one (or the last one after the wait): between bash's fork and
     * unshare's exec of the new bash, the foreground process is briefly a "bash" that is not yet in new namespaces,
     * then an "unshare" that already is.
     */
    private CheckResult await(io.glassbox.lesson.model.CheckSpec spec, Predicate<CheckResult> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        CheckResult result = evaluate(spec);
        while (!wanted.test(result) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            result = evaluate(spec);
        }
        return result;
    }

    private ResolvedTarget shell() {
        return lab.targets.resolve(Target.SHELL, lab.host, terminal.pid());
    }

    private ResolvedTarget awaitShell(Predicate<ResolvedTarget> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ResolvedTarget target = shellWhileItChanges();
        while (target == null || !wanted.test(target)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal's foreground process stayed " + target + "; output:\n"
                        + output.text());
            }
            Thread.sleep(20);
            target = shellWhileItChanges();
        }
        return target;
    }

    /** The shell, or null while a shell of the chain is exiting under the resolver ("No such process"): look again. */
    private ResolvedTarget shellWhileItChanges() {
        try {
            return shell();
        } catch (java.io.UncheckedIOException exiting) {
            return null;
        }
    }

    private void awaitExit(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shell " + pid + " did not exit; output:\n" + output.text());
            }
            Thread.sleep(20);
        }
    }

    private void type(String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        terminal.write(bytes, 0, bytes.length);
    }
}
