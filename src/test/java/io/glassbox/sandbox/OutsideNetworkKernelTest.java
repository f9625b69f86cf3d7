package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.testing.KernelTests;
import io.glassbox.testing.Leftovers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The outside network's door and its web service, as the machine sees them: the firewall and sysctls are in
 * place before any lab attaches, httpd runs capped in its own cgroup below the installation's, and neither
 * outlives a close nor a server killed without one (the next start sweeps them).
 */
@Tag("kernel")
class OutsideNetworkKernelTest {

    private static final long UID_BASE = 1_710_000_000L;

    Path dataDir;
    Sandbox sandbox;

    @BeforeEach
    void open() throws IOException {
        KernelTests.assumeRoot();
        dataDir = KernelTests.newDataDir();
        sandbox = KernelTests.open(KernelTests.settings(dataDir, IsolationMode.USERNS, UID_BASE));
    }

    @AfterEach
    void close() throws IOException {
        if (sandbox != null) {
            sandbox.close();
        }
        FileTrees.delete(dataDir);
    }

    @Test
    void theDoorIsShutBeforeAnyLabAttaches() {
        OutsideNetwork outside = sandbox.outside();
        String sysctls = COMMANDS.run(outside.nsenter(List.of("sysctl", "-n", "net.ipv4.conf.all.rp_filter",
                "net.ipv4.conf.default.rp_filter", "net.netfilter.nf_conntrack_tcp_loose",
                "net.netfilter.nf_conntrack_tcp_timeout_time_wait", "net.ipv6.conf.default.disable_ipv6"))).stdout();
        assertThat(sysctls.lines().toList()).containsExactly("1", "1", "0", "" + OutsideFirewall.TIME_WAIT_SECONDS, "1");
        String rules = COMMANDS.run(outside.nsenter(List.of("iptables-save"))).stdout();
        assertThat(rules).contains("-A PREROUTING -m rpfilter --invert -j DROP")
                .contains("--connlimit-above " + OutsideFirewall.CONNECTIONS_PER_LAB)
                .contains("--connlimit-above " + OutsideFirewall.WEB_CONNECTIONS_PER_LAB)
                .contains("--hashlimit-above " + OutsideFirewall.NEW_PER_SECOND + "/sec");
    }

    @Test
    void theWebServiceRunsCappedInItsOwnCgroupAndIsSweptAfterAKill() throws IOException {
        CgroupNode web = sandbox.outside().webCgroup();
        Set<Long> httpd = sandbox.cgroups().processes(web);
        assertThat(httpd).hasSize(1);
        long pid = httpd.iterator().next();
        // The process joins the cgroup in a prologue and then execs httpd: wait for the exec.
        String cmdline = "";
        for (int i = 0; i < 500 && !cmdline.contains("busybox httpd"); i++, sleep(10)) {
            cmdline = Files.readString(Path.of("/proc", pid + "/cmdline")).replace('\0', ' ');
        }
        assertThat(cmdline).contains("busybox httpd");
        assertThat(sandbox.cgroups().pids().readMax(web)).isNotEmpty();
        assertThat(sandbox.cgroups().memory().readMax(web)).isNotEmpty();
        assertThat(web.distinctDirectories()).allMatch(dir -> dir.toString().contains(sandbox.instanceName() + "/"));

        sandbox.abandon(); // kill -9 of the server: httpd, its cgroup and the namespace stay
        sandbox = null;
        assertThat(Files.exists(Path.of("/proc", Long.toString(pid)))).isTrue();
        sandbox = KernelTests.open(KernelTests.settings(dataDir, IsolationMode.USERNS, UID_BASE));
        // The JDK reaps the killed httpd (the server's child) a moment later.
        for (int i = 0; i < 200 && Files.exists(Path.of("/proc", Long.toString(pid))); i++) {
            sleep(10);
        }
        assertThat(Files.exists(Path.of("/proc", Long.toString(pid)))).as("the old httpd is swept").isFalse();
        assertThat(sandbox.cgroups().processes(web)).hasSize(1);

        String name = sandbox.instanceName();
        sandbox.close();
        sandbox = null;
        assertThat(web.distinctDirectories()).allMatch(dir -> !Files.exists(dir));
        assertThat(Leftovers.namedNetworkNamespaces(name)).isEmpty();
        assertThat(Leftovers.cgroups(name)).isEmpty();
    }

    @Test
    void theWebServiceServesTheRegistryByTagAndByDigest() {
        OutsideNetwork outside = sandbox.outside();
        String base = "http://" + OutsideNetwork.INTERNET_ADDRESS + "/v2/";
        assertThat(COMMANDS.check(outside.nsenter(List.of("curl", "-sS", "-m", "3", base))).stdout().trim())
                .isEqualTo("{}");
        String manifest = COMMANDS.check(outside.nsenter(List.of("curl", "-sS", "-m", "3", base + "web/manifests/latest")))
                .stdout();
        assertThat(manifest).contains(RegistryPublisher.MANIFEST_TYPE);
        // busybox httpd serves a file named "sha256:<hex>" by its path: the digest reaches the blob, whole.
        String config = manifest.replaceAll("(?s).*\"config\": \\{[^}]*\"digest\": \"(sha256:[0-9a-f]{64})\".*", "$1");
        String fetched = COMMANDS.check(outside.nsenter(List.of("sh", "-c",
                "curl -sS -m 3 " + base + "web/blobs/" + config + " | sha256sum"))).stdout();
        assertThat("sha256:" + fetched.substring(0, 64)).isEqualTo(config);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
