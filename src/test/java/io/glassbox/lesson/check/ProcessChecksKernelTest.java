package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec.CommandCheck;
import io.glassbox.lesson.model.CheckSpec.HostnameCheck;
import io.glassbox.lesson.model.CheckSpec.NamespaceCheck;
import io.glassbox.lesson.model.CheckSpec.PidCheck;
import io.glassbox.lesson.model.CheckSpec.ProcessCountCheck;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.SandboxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** namespace, hostname, pid, process-count and command checks: failing before, passing after, on a real lab host. */
@Tag("kernel")
class ProcessChecksKernelTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.USERNS, 1_150_000_000L);

    @RegisterExtension
    final CheckLab lab = new CheckLab(SANDBOX);

    @Test
    void aNewUtsNamespaceWithItsOwnHostname() throws Exception {
        lab.start("exec sleep 1001");
        ResolvedTarget before = lab.await("sleep 1001");
        NamespaceCheck differs = new NamespaceCheck(null, null, null, "uts", null);
        HostnameCheck box1 = new HostnameCheck(null, null, null, "box1");
        CheckResult failed = lab.check(differs, before);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.expected()).isEqualTo("a UTS namespace different from the lab host's");
        assertThat(failed.observed())
                .matches("the process running \"sleep 1001\" is still in the lab host's \\(uts:\\[\\d+]\\)");
        assertThat(lab.check(box1, before).observed()).contains("hostname is " + lab.host.hostname())
                .contains("it is in the lab host's UTS namespace");
        assertThat(lab.check(new NamespaceCheck("back", null, null, "uts", "same"), before).passed()).isTrue();

        lab.start("unshare --uts sh -c 'hostname box1; exec sleep 1002'");
        ResolvedTarget after = lab.await("sleep 1002");
        CheckResult passed = lab.check(differs, after);
        assertThat(passed.passed()).as(passed.message()).isTrue();
        assertThat(passed.observed())
                .matches("the process running \"sleep 1002\" is in uts:\\[\\d+], the lab host in uts:\\[\\d+]");
        CheckResult named = lab.check(box1, after);
        assertThat(named.passed()).as(named.message()).isTrue();
        assertThat(named.observed()).isEqualTo("the process running \"sleep 1002\"'s hostname is box1");
        CheckResult same = lab.check(new NamespaceCheck("back", null, null, "uts", "same"), after);
        assertThat(same.passed()).isFalse();
        assertThat(same.id()).isEqualTo("back");
        assertThat(lab.check(new NamespaceCheck(null, null, null, "network", null), after).passed()).isFalse();
    }

    @Test
    void pidOneOfANewPidNamespaceSeesOnlyItsOwnProcesses() throws Exception {
        lab.start("exec sleep 1003");
        ResolvedTarget before = lab.await("sleep 1003");
        PidCheck pidOne = new PidCheck(null, null, null, 1L);
        ProcessCountCheck few = new ProcessCountCheck(null, null, null, 1, 2);
        CheckResult pidBefore = lab.check(pidOne, before);
        assertThat(pidBefore.passed()).isFalse();
        assertThat(pidBefore.observed())
                .contains("in the lab host's PID namespace (it has no PID namespace of its own)");
        CheckResult countBefore = lab.check(few, before);
        assertThat(countBefore.passed()).isFalse();
        assertThat(countBefore.observed()).contains("sees", "processes in /proc");

        lab.start("unshare --pid --fork --mount-proc sh -c 'exec sleep 1004'");
        ResolvedTarget after = lab.await("sleep 1004");
        CheckResult pidAfter = lab.check(pidOne, after);
        assertThat(pidAfter.passed()).as(pidAfter.message()).isTrue();
        assertThat(pidAfter.observed())
                .startsWith("the process running \"sleep 1004\" is pid 1 in its own PID namespace");
        CheckResult countAfter = lab.check(few, after);
        assertThat(countAfter.passed()).as(countAfter.message()).isTrue();
        assertThat(countAfter.observed()).endsWith("sees 1 process in /proc");
        assertThat(lab.check(new ProcessCountCheck(null, null, null, 3, null), after).expected())
                .isEqualTo("at least 3 processes visible in /proc");
    }

    @Test
    void aCommandRunsInTheTargetsNamespacesAsTheLabsRoot() throws Exception {
        lab.start("unshare --uts --pid --fork --mount --mount-proc sh -c 'hostname inner; exec sleep 1005'");
        ResolvedTarget inner = lab.await("sleep 1005");
        CommandCheck notRenamed = new CommandCheck(null, null, null, "test \"$(hostname)\" != inner", null, null);
        CheckResult failed = lab.check(notRenamed, inner);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.expected())
                .isEqualTo("`test \"$(hostname)\" != inner` in the process running \"sleep 1005\"'s"
                + " namespaces: exiting with 0");
        assertThat(failed.observed()).isEqualTo("it exited with 1 and printed nothing");
        CheckResult passed = lab.checkLabHost(notRenamed);
        assertThat(passed.passed()).as(passed.message()).isTrue();

        CommandCheck whoAndWhere = new CommandCheck("who", null, null,
                "id -u; echo $$; ps -e | wc -l; exit 3", 3, "0\n");
        CheckResult inside = lab.check(whoAndWhere, inner);
        assertThat(inside.passed()).as(inside.message()).isTrue();
        CheckResult wrongText = lab.check(new CommandCheck(null, null, null, "echo hello", null, "bye"), inner);
        assertThat(wrongText.passed()).isFalse();
        assertThat(wrongText.observed()).isEqualTo("it printed \"hello\"");
    }

    @Test
    void aTargetThatHasExitedIsAFailureNotAnError() throws Exception {
        lab.start("exec sleep 1006");
        ResolvedTarget gone = lab.await("sleep 1006");
        lab.kill(gone);
        CheckResult result = lab.check(new NamespaceCheck(null, null, null, "uts", null), gone);
        assertThat(result.passed()).isFalse();
        assertThat(result.observed()).isEqualTo("could not check: the process it looks at has exited"
                + " (the process running \"sleep 1006\")");
    }
}
