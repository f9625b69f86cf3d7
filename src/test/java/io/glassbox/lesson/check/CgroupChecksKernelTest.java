package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.lesson.model.CheckSpec.CgroupCheck;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.SandboxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** cgroup checks against a child cgroup a learner makes in the lab host's delegated cgroup. */
@Tag("kernel")
class CgroupChecksKernelTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.USERNS, 1_170_000_000L);

    @RegisterExtension
    final CheckLab lab = new CheckLab(SANDBOX);
    boolean v1;

    @BeforeEach
    void detectVersion() {
        v1 = SANDBOX.sandbox().cgroups().version() == CgroupVersion.V1;
    }

    /** A shell prologue that moves the shell ($$) into box1 of {@code controllers} (v1) or of the unified tree. */
    String enter(String... controllers) {
        if (!v1) {
            return "echo $$ > /sys/fs/cgroup/box1/cgroup.procs; ";
        }
        StringBuilder script = new StringBuilder();
        for (String controller : controllers) {
            script.append("echo $$ > /sys/fs/cgroup/").append(controller).append("/box1/cgroup.procs; ");
        }
        return script.toString();
    }

    String makeBox1() {
        return v1 ? "for c in memory pids cpu freezer; do mkdir -p /sys/fs/cgroup/$c/box1; done"
                + " && echo 32M > /sys/fs/cgroup/memory/box1/memory.limit_in_bytes"
                + " && echo 20 > /sys/fs/cgroup/pids/box1/pids.max"
                + " && echo 50000 > /sys/fs/cgroup/cpu/box1/cpu.cfs_quota_us"
                : "echo '+memory +pids +cpu' > /sys/fs/cgroup/cgroup.subtree_control && mkdir -p /sys/fs/cgroup/box1"
                        + " && echo 32M > /sys/fs/cgroup/box1/memory.max && echo 20 > /sys/fs/cgroup/box1/pids.max"
                        + " && echo '50000 100000' > /sys/fs/cgroup/box1/cpu.max";
    }

    @Test
    void limitsOfAChildCgroup() throws Exception {
        CgroupCheck limits = new CgroupCheck(null, null, null, true, "32M", 20L, 0.5, null, null, null, null);
        lab.start("exec sleep 1040");
        CheckResult before = lab.check(limits, lab.await("sleep 1040"));
        assertThat(before.passed()).isFalse();
        assertThat(before.expected()).isEqualTo("the process running \"sleep 1040\"'s cgroup: below the lab host's own,"
                + " a memory limit of 32 MiB, a limit of 20 tasks, a CPU limit of 0.5 CPUs");
        assertThat(before.observed()).startsWith("the process running \"sleep 1040\" is in the lab host's own cgroup"
                + " (make a child cgroup there and write the pid into its cgroup.procs);"
                + " the lab host's own cgroup has no memory limit");

        assertThat(lab.run(makeBox1()).exitCode()).isZero();
        lab.start("sh -c '" + enter("memory", "pids", "cpu", "freezer") + "exec sleep 1041'");
        CheckResult after = lab.check(limits, lab.await("sleep 1041"));
        assertThat(after.passed()).as(after.message()).isTrue();
        String box1 = v1 ? "the cgroup /sys/fs/cgroup/memory/box1" : "the cgroup /sys/fs/cgroup/box1";
        assertThat(after.observed()).startsWith("the process running \"sleep 1041\" is in " + box1 + "; " + box1
                + " has a memory limit of 32 MiB");
        CheckResult wrong = lab.check(new CgroupCheck(null, null, null, false, "64M", null, 1.0, null, null, null,
                null), lab.await("sleep 1041"));
        assertThat(wrong.observed()).endsWith("has a memory limit of 32 MiB; "
                + (v1 ? "the cgroup /sys/fs/cgroup/cpu/box1"
                : box1) + " may use 0.5 CPUs");
    }

    @Test
    void oomKillsForkRefusalsAndThrottling() throws Exception {
        assertThat(lab.run(makeBox1()).exitCode()).isZero();
        lab.start("sh -c '" + enter("memory", "pids", "cpu", "freezer") + "exec sleep 1042'");
        ResolvedTarget target = lab.await("sleep 1042");
        CgroupCheck events = new CgroupCheck(null, null, null, null, null, null, null, 1L, 1L, 1L, null);
        CheckResult before = lab.check(events, target);
        assertThat(before.passed()).isFalse();
        assertThat(before.observed()).contains("has seen 0 OOM kills", "has seen 0 forks refused",
                "has seen 0 throttled periods");

        assertThat(lab.run("sh -c '" + enter("memory") + "exec tail /dev/zero'").exitCode()).isEqualTo(137);
        lab.run("sh -c '" + enter("pids") + "i=0; while [ $i -lt 30 ]; do sleep 5 & i=$((i+1)); done' 2>/dev/null");
        // Burn CPU until the quota bites: on a busy machine a burner may never get half a CPU, so the quota
        // drops to a tenth first, and the burner stops once the kernel has counted a throttled period.
        String cpuStat = v1 ? "/sys/fs/cgroup/cpu/box1/cpu.stat" : "/sys/fs/cgroup/box1/cpu.stat";
        assertThat(lab.run(v1 ? "echo 10000 > /sys/fs/cgroup/cpu/box1/cpu.cfs_quota_us"
                : "echo '10000 100000' > /sys/fs/cgroup/box1/cpu.max").exitCode()).isZero();
        lab.run("sh -c '" + enter("cpu") + "timeout 20 sh -c \"until grep -q \\\"^nr_throttled [1-9]\\\" " + cpuStat
                + "; do i=0; while [ \\$i -lt 20000 ]; do i=\\$((i+1)); done; done\"'");
        CheckResult after = lab.check(events, target);
        assertThat(after.passed()).as(after.message()).isTrue();
        assertThat(after.observed()).contains("has seen 1 OOM kill");
    }

    @Test
    void aFrozenCgroup() throws Exception {
        assertThat(lab.run(makeBox1()).exitCode()).isZero();
        lab.start("sh -c '" + enter("memory", "pids", "cpu", "freezer") + "exec sleep 1043'");
        ResolvedTarget target = lab.await("sleep 1043");
        CgroupCheck frozen = new CgroupCheck(null, null, null, null, null, null, null, null, null, null, "frozen");
        CheckResult before = lab.check(frozen, target);
        assertThat(before.passed()).isFalse();
        assertThat(before.observed()).endsWith("box1 is thawed");
        String freeze = v1 ? "echo FROZEN > /sys/fs/cgroup/freezer/box1/freezer.state"
                : "echo 1 > /sys/fs/cgroup/box1/cgroup.freeze";
        assertThat(lab.run(freeze).exitCode()).isZero();
        CheckResult after = lab.check(frozen, target);
        for (int i = 0; i < 50 && !after.passed(); i++) {
            Thread.sleep(20);
            after = lab.check(frozen, target);
        }
        assertThat(after.passed()).as(after.message()).isTrue();
        lab.run(v1 ? "echo THAWED > /sys/fs/cgroup/freezer/box1/freezer.state"
                : "echo 0 > /sys/fs/cgroup/box1/cgroup.freeze");
    }
}
