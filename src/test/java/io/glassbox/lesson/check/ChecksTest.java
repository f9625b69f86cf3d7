package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.ProcFs;
import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.CheckSpec.NamespaceCheck;
import io.glassbox.lesson.model.CheckSpec.NatRuleCheck;
import io.glassbox.lesson.model.CheckSpec.PidCheck;
import io.glassbox.lesson.model.CheckSpec.ProcessCountCheck;
import io.glassbox.lesson.model.CheckSpec.ReachCheck;
import io.glassbox.lesson.model.CheckSpec.SysctlCheck;
import io.glassbox.lesson.model.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry: ids, types, default targets, and that evaluating never throws. */
class ChecksTest {

    @TempDir
    Path proc;

    final Checks checks = new Checks();

    @Test
    void everyTypeOfTheModelHasAChecker() {
        for (var entry : CheckSpec.TYPES.entrySet()) {
            CheckSpec spec = instance(entry.getValue());
            assertThat(Checks.typeOf(spec)).isEqualTo(entry.getKey());
            assertThat(Checks.idOf(spec)).isEqualTo(entry.getKey());
            CheckResult result = checks.evaluate(spec, context());
            assertThat(result.passed()).isFalse();
            assertThat(result.observed()).startsWith("could not check: ").doesNotContain("no checker");
        }
    }

    @Test
    void idsAndTargets() {
        assertThat(Checks.idOf(new PidCheck("pid-one", null, null, 1L))).isEqualTo("pid-one");
        assertThat(Checks.targetOf(new PidCheck(null, null, null, 1L))).isEqualTo(Target.SHELL);
        assertThat(Checks.targetOf(new NatRuleCheck(null, null, null, "POSTROUTING", "x"))).isEqualTo(Target.LAB_HOST);
        assertThat(Checks.targetOf(new ReachCheck(null, null, null, "http://x/", "outside", null, null)))
                .isEqualTo(Target.LAB_HOST);
        assertThat(Checks.targetOf(new ReachCheck(null, null, null, "http://x/", null, null, null)))
                .isEqualTo(Target.SHELL);
        Target httpd = new Target(Target.Kind.PROCESS, "httpd");
        assertThat(Checks.targetOf(new NatRuleCheck(null, httpd, null, "POSTROUTING", "x"))).isEqualTo(httpd);
    }

    @Test
    void whatALessonGetsWrongIsSaidBeforeAnythingRuns() {
        assertThat(checks.evaluate(new NamespaceCheck(null, null, null, "bogus", null), context()).message())
                .isEqualTo("expected a namespace check of the shell; could not check: the lesson names an unknown"
                        + " namespace type 'bogus' (one of uts, pid, mnt, net, ipc, user, cgroup, time)");
        assertThat(checks.evaluate(new SysctlCheck(null, null, null, "../../etc/shadow", "x"), context()).observed())
                .startsWith("could not check: the lesson names a sysctl that is not of the form");
        assertThat(checks.evaluate(new NatRuleCheck(null, null, null, "FORWARD", "x"), context()).observed())
                .startsWith("could not check: the lesson names an unknown nat chain 'FORWARD'");
        assertThat(checks.evaluate(new ReachCheck(null, null, null, "ftp://x/", null, null, null), context())
                .observed())
                .isEqualTo("could not check: the lesson's URL must start with http://: ftp://x/");
    }

    @Test
    void aProcessMissingFromProcHasExited() {
        assertThat(checks.evaluate(new PidCheck(null, null, null, 1L), context()).observed())
                .isEqualTo("could not check: the process it looks at has exited (the shell)");
        assertThat(checks.evaluate(new ProcessCountCheck(null, null, null, 1, null), context()).passed()).isFalse();
    }

    private CheckContext context() {
        return new CheckContext(null, 4242, TargetResolver.label(Target.SHELL), new ProcFs(proc), null, new CommandRunner(), null);
    }

    /** A spec of {@code type} with every field null, as a lesson that leaves everything out would give. */
    private static CheckSpec instance(Class<? extends CheckSpec> type) {
        try {
            var components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
            }
            return type.getDeclaredConstructor(types).newInstance(new Object[components.length]);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
