package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.ProcFs;
import io.glassbox.lesson.model.CheckSpec.CapabilitiesCheck;
import io.glassbox.lesson.model.CheckSpec.SeccompCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capabilities and seccomp checks on /proc/pid/status fixtures: the lines are those a lab host's shell
 * shows (all 41 capabilities, the lab's one filter) and those after `setpriv --bounding-set -chown bash` and
 * a learner's own filter on top.
 */
class ProcessSecurityCheckersTest {

    /** The lab's root shell on Linux 6.18: every capability, the lab's seccomp filter. */
    static final String LAB_SHELL = """
            Name:\tbash
            NoNewPrivs:\t1
            CapInh:\t0000000000000000
            CapPrm:\t000001ffffffffff
            CapEff:\t000001ffffffffff
            CapBnd:\t000001ffffffffff
            CapAmb:\t0000000000000000
            Seccomp:\t2
            Seccomp_filters:\t1
            """;

    /** After setpriv --bounding-set -chown,-sys_admin bash and the learner's filter: bits 0 and 21 gone. */
    static final String CONFINED_SHELL = """
            Name:\tbash
            NoNewPrivs:\t1
            CapInh:\t0000000000000000
            CapPrm:\t000001ffffdffffe
            CapEff:\t000001ffffdffffe
            CapBnd:\t000001ffffdffffe
            CapAmb:\t0000000000000000
            Seccomp:\t2
            Seccomp_filters:\t2
            """;

    /** Docker's default capabilities: the 14 of moby's oci/caps/defaults.go. */
    static final String DOCKER_DEFAULT = """
            NoNewPrivs:\t0
            CapEff:\t00000000a80425fb
            CapBnd:\t00000000a80425fb
            Seccomp:\t0
            """;

    static final List<String> DOCKER_CAPS = List.of("chown", "dac_override", "fowner", "fsetid", "kill", "setgid",
            "setuid", "setpcap", "net_bind_service", "net_raw", "sys_chroot", "mknod", "audit_write", "setfcap");

    @TempDir
    Path proc;

    final Checks checks = new Checks();

    @Test
    void theLabShellHoldsEverythingAndThereforeFailsALacksCheck() throws IOException {
        CheckResult result = checks.evaluate(lacks("effective", "chown", "sys_admin"), shell(LAB_SHELL));
        assertThat(result.passed()).isFalse();
        assertThat(result.expected()).isEqualTo("the effective capabilities of the shell: without chown, sys_admin");
        assertThat(result.observed()).isEqualTo("it still holds chown, sys_admin");
        assertThat(result.message("zh-CN")).isEqualTo("期望 shell 的有效集合：没有 chown、sys_admin；它仍持有 chown、sys_admin");
    }

    @Test
    void droppedCapabilitiesAreSeenInEverySetTheyLeft() throws IOException {
        CheckContext shell = shell(CONFINED_SHELL);
        assertThat(checks.evaluate(lacks("effective", "chown", "sys_admin"), shell).passed()).isTrue();
        CheckResult bounding = checks.evaluate(lacks("bounding", "CAP_CHOWN"), shell);
        assertThat(bounding.passed()).isTrue();
        assertThat(bounding.expected("zh-CN")).isEqualTo("shell 的边界集合：没有 chown");
        CheckResult has = checks.evaluate(new CapabilitiesCheck(null, null, null, null,
                List.of("net_admin", "chown"), null, null), shell);
        assertThat(has.passed()).isFalse();
        assertThat(has.observed()).isEqualTo("it lacks chown");
        assertThat(has.observed("zh-CN")).isEqualTo("它缺少 chown");
    }

    @Test
    void equalsNamesWhatIsTooMuchAndWhatIsMissing() throws IOException {
        CheckContext docker = shell(DOCKER_DEFAULT);
        assertThat(checks.evaluate(new CapabilitiesCheck(null, null, null, null, null, null, DOCKER_CAPS), docker)
                .passed()).isTrue();
        List<String> withNetAdmin = new java.util.ArrayList<>(DOCKER_CAPS);
        withNetAdmin.add("net_admin");
        withNetAdmin.remove("mknod");
        CheckResult result = checks.evaluate(new CapabilitiesCheck(null, null, null, "bounding", null, null,
                withNetAdmin), docker);
        assertThat(result.passed()).isFalse();
        assertThat(result.observed()).contains("(CapBnd 00000000a80425fb)")
                .endsWith("; beyond those it holds mknod; it lacks net_admin");
        assertThat(result.observed("zh-CN")).contains("（CapBnd 00000000a80425fb）")
                .endsWith("；除此之外它还持有 mknod；它缺少 net_admin");
        assertThat(checks.evaluate(new CapabilitiesCheck(null, null, null, null, null, null, DOCKER_CAPS),
                shell(LAB_SHELL)).observed()).startsWith("it holds all 41 (CapEff 000001ffffffffff); beyond those");
        assertThat(checks.evaluate(new CapabilitiesCheck(null, null, null, null, null, null, DOCKER_CAPS),
                shell(LAB_SHELL)).observed("zh-CN")).startsWith("它持有全部 41 项（CapEff 000001ffffffffff）；除此之外");
    }

    @Test
    void aMaskIsDecodedBitByBitIncludingBitsNewerThanTheTable() {
        assertThat(CapabilityNames.decode("00000000a80425fb")).containsExactlyInAnyOrderElementsOf(DOCKER_CAPS);
        assertThat(CapabilityNames.decode("0000000000000000")).isEmpty();
        assertThat(CapabilityNames.decode("0000020000000001")).containsExactlyInAnyOrder("chown", "cap_41");
        assertThat(CapabilityNames.NAMES).hasSize(41).element(21).isEqualTo("sys_admin");
    }

    @Test
    void seccompCountsStackedFilters() throws IOException {
        SeccompCheck twoFilters = new SeccompCheck(null, null, null, "filter", 2, true);
        CheckResult lab = checks.evaluate(twoFilters, shell(LAB_SHELL));
        assertThat(lab.passed()).isFalse();
        assertThat(lab.expected()).isEqualTo("the seccomp state of the shell: seccomp mode filter, at least 2 filters,"
                + " no_new_privs set");
        assertThat(lab.expected("zh-CN")).isEqualTo("shell 的 seccomp 状态：seccomp 模式为 filter，至少 2 个过滤器，"
                + "已设置 no_new_privs");
        assertThat(lab.observed()).isEqualTo("Seccomp_filters: 1");
        assertThat(checks.evaluate(twoFilters, shell(CONFINED_SHELL)).passed()).isTrue();
        CheckResult docker = checks.evaluate(new SeccompCheck(null, null, null, "filter", null, null),
                shell(DOCKER_DEFAULT));
        assertThat(docker.passed()).isFalse();
        assertThat(docker.observed()).isEqualTo("Seccomp: 0 (disabled)");
        assertThat(docker.observed("zh-CN")).isEqualTo("Seccomp: 0（disabled，未启用）");
    }

    @Test
    void aLessonsMistakeIsSaidAsSuch() throws IOException {
        CheckContext shell = shell(LAB_SHELL);
        assertThat(checks.evaluate(lacks("effective", "sys_adminn"), shell).observed())
                .startsWith("could not check: the lesson names an unknown capability 'sys_adminn'");
        assertThat(checks.evaluate(lacks("effectiv", "chown"), shell).observed())
                .startsWith("could not check: the lesson names an unknown capability set 'effectiv'");
        assertThat(checks.evaluate(new SeccompCheck(null, null, null, "strikt", null, null), shell).observed())
                .startsWith("could not check: the lesson names an unknown seccomp mode 'strikt'");
        assertThat(checks.evaluate(new SeccompCheck(null, null, null, null, 1, null), shell(DOCKER_DEFAULT))
                .observed()).isEqualTo("could not check: /proc/4242/status has no Seccomp_filters line"
                        + " (it needs Linux 5.9 or later)");
        assertThat(checks.evaluate(new SeccompCheck(null, null, null, null, 1, null), shell(DOCKER_DEFAULT))
                .observed("zh-CN")).isEqualTo("无法检查：/proc/4242/status 里没有 Seccomp_filters 这一行"
                        + "（需要 Linux 5.9 或更新的内核）");
        assertThat(checks.evaluate(lacks("effective", "sys_adminn"), shell).observed("zh-CN"))
                .startsWith("无法检查：课程本身有误（请告诉课程作者）：the lesson names an unknown capability");
    }

    @Test
    void theRealProcessReadsAsItsOwnStatusSays() throws IOException {
        CheckContext self = new CheckContext(null, ProcessHandle.current().pid(), Phrase.of("the test", "测试进程"), ProcFs.system(), null,
                new CommandRunner(), null);
        String eff = ProcFs.system().statusField(ProcessHandle.current().pid(), "CapEff").orElseThrow();
        boolean holdsChown = CapabilityNames.decode(eff).contains("chown");
        assertThat(checks.evaluate(new CapabilitiesCheck(null, null, null, null, List.of("chown"), null, null), self)
                .passed()).isEqualTo(holdsChown);
    }

    private static CapabilitiesCheck lacks(String set, String... names) {
        return new CapabilitiesCheck(null, null, null, set, null, List.of(names), null);
    }

    private CheckContext shell(String status) throws IOException {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/status"), status);
        return new CheckContext(null, 4242, Phrase.of("the shell", "shell"), new ProcFs(proc), null, new CommandRunner(), null);
    }
}
