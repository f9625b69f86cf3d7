package io.glassbox.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostReportTest {

    private static HostReport report(ProbeResult cgroups, ProbeResult iptables, Map<String, String> tools) {
        return new HostReport("6.1.0", cgroups, ProbeResult.ok("lab host namespaces", ""), ProbeResult.ok("user namespaces", ""),
                ProbeResult.ok("overlayfs in a user namespace", ""), ProbeResult.ok("veth and bridge", ""), iptables,
                ProbeResult.ok("static busybox", ""), tools);
    }

    private static Map<String, String> tools(String... missing) {
        Map<String, String> tools = new LinkedHashMap<>();
        for (String tool : HostProbe.TOOLS) {
            tools.put(tool, "/usr/bin/" + tool);
        }
        for (String tool : missing) {
            tools.put(tool, "");
        }
        return tools;
    }

    @Test
    void aMachineThatCanRunLabHostsHasNoFailure() {
        assertThat(report(ProbeResult.ok("cgroups", "v1"), ProbeResult.ok("iptables NAT", "v1.8.9"), tools()).failure())
                .isEmpty();
    }

    @Test
    void missingToolsAreNamedWithThePackagesThatHoldThemAndHideTheProbesTheyBroke() {
        HostReport report = report(ProbeResult.ok("cgroups", "v1"),
                ProbeResult.failed("iptables NAT", "iptables is not installed"),
                tools("iptables", "iptables-restore", "ip"));

        String line = report.failure().orElseThrow().line();

        assertThat(line).isEqualTo("this machine cannot run lab hosts: missing tools: ip, iptables, iptables-restore."
                + " Fix: apt-get install iproute2 iptables (RHEL/CentOS: yum install iproute iptables;"
                + " deploy/provision.sh installs everything)");
    }

    @Test
    void aMissingToolHidesOnlyProbesThatNameItAsAWord() {
        HostReport report = report(ProbeResult.ok("cgroups", "v1"),
                ProbeResult.failed("iptables NAT", "can't initialize iptables table `nat'"), tools("ip"));

        assertThat(report.failure().orElseThrow().line()).contains("missing tools: ip;")
                .contains("iptables NAT: can't initialize");
    }

    @Test
    void onCentos7TheLineSaysUtilLinuxIsTooOldNotMissing() {
        HostReport report = new HostReport("3.10.0-1160.el7.x86_64", ProbeResult.ok("cgroups", "v1"),
                ProbeResult.failed("lab host namespaces", "unshare: unrecognized option '--cgroup'"),
                ProbeResult.failed("user namespaces", "unshare: unrecognized option '--cgroup'"),
                ProbeResult.ok("overlayfs in a user namespace", ""), ProbeResult.ok("veth and bridge", ""),
                ProbeResult.ok("iptables NAT", ""), ProbeResult.ok("static busybox", ""), tools("lsns"));

        assertThat(report.failure().orElseThrow().line()).isEqualTo("this machine cannot run lab hosts: missing tools:"
                + " lsns; lab host namespaces: unshare: unrecognized option '--cgroup'. Fix: apt-get install util-linux"
                + " (RHEL/CentOS: yum install util-linux (2.28+: CentOS 7's 2.23 has no lsns); deploy/provision.sh"
                + " installs everything); lab hosts need Linux 4.6+ (cgroup namespaces) and util-linux 2.32+ (unshare"
                + " --cgroup --kill-child); CentOS 7 (Linux 3.10, util-linux 2.23) has neither");
    }

    @Test
    void aCgroupFailureKeepsItsOwnHintAndNamesEveryProblem() {
        HostReport report = report(ProbeResult.failed("cgroups", "create cgroups under /sys/fs/cgroup/user.slice: EBUSY"
                + " (processes [1234] share the server's cgroup ...: run the server as a systemd service with"
                + " Delegate=yes)"), ProbeResult.failed("iptables NAT", "can't initialize iptables table `nat'"),
                tools("tini"));

        String line = report.failure().orElseThrow().line();

        assertThat(line).startsWith("this machine cannot run lab hosts: missing tools: tini; cgroups: create cgroups")
                .contains("Delegate=yes").contains("iptables NAT: can't initialize")
                .contains("Fix: apt-get install tini").contains("modprobe iptable_nat");
    }

    @Test
    void theReportSaysWhatAFailedProbeCosts() {
        HostReport report = new HostReport("3.10.0", ProbeResult.ok("cgroups", "v1"),
                ProbeResult.failed("lab host namespaces", "unshare: unrecognized option '--cgroup'"),
                ProbeResult.ok("user namespaces", ""), ProbeResult.failed("overlayfs in a user namespace", "EPERM"),
                ProbeResult.ok("veth and bridge", ""), ProbeResult.failed("iptables NAT", "no nat table"),
                ProbeResult.ok("static busybox", ""), tools());

        assertThat(report.format()).contains("NO   EPERM (optional; without it lab hosts run privileged")
                .contains("NO   no nat table (required: no lab host can run without it)");
        assertThat(report.failure().orElseThrow().line()).isEqualTo("this machine cannot run lab hosts: lab host"
                + " namespaces: unshare: unrecognized option '--cgroup'; iptables NAT: no nat table. Fix: lab hosts need"
                + " Linux 4.6+ (cgroup namespaces) and util-linux 2.32+ (unshare --cgroup --kill-child); CentOS 7 (Linux"
                + " 3.10, util-linux 2.23) has neither; load the kernel's NAT support (modprobe iptable_nat), or install"
                + " iptables");
    }
}
