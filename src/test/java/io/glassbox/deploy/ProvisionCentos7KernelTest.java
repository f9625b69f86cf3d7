package io.glassbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/provision.sh's yum branch, run twice on a machine that looks like a fresh CentOS 7 to it: in a private
 * mount namespace, /usr and /etc are copy-on-write overlays with CentOS 7's os-release, centos-release and
 * stock yum repositories, without apt-get, Java 17, tini or a static busybox; yum and curl are stubs that
 * record what they were asked and answer as CentOS 7.9's base repositories and the download sites would
 * (centos7-provision.sh). Nothing outside the test's directory changes.
 *
 * <p>What this proves: which packages the yum branch asks for and in which order, that it points the
 * end-of-life repositories at vault.centos.org, falls back to downloads for busybox, tini and a Temurin 17 JRE
 * (and the installed start command then uses that JRE), installs the app, lessons, unit and env file, and that
 * a second run changes nothing and downloads nothing again. What it cannot: real yum resolving those names
 * against CentOS 7's repositories, bash 4.2, systemd 219 reading the unit, or the server on kernel 3.10 (no
 * CentOS package or image is reachable from here: only Debian's apt, npm and Maven Central).
 */
@Tag("kernel")
class ProvisionCentos7KernelTest {

    @TempDir
    static Path work;

    private static String output;

    @BeforeAll
    static void provisionTwice() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: overlay mounts in a mount namespace");
        Path script = work.resolve("centos7-provision.sh");
        try (InputStream in = ProvisionCentos7KernelTest.class.getResourceAsStream("centos7-provision.sh")) {
            Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
        Process run = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "--", "bash",
                script.toString(), Path.of("").toAbsolutePath().toString(), work.resolve("machine").toString(), "2")
                .redirectErrorStream(true).start();
        run.getOutputStream().close();
        output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
    }

    private static String log(String name) throws IOException {
        Path file = work.resolve("machine/log").resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static Path machine(String path) {
        return work.resolve("machine").resolve(path);
    }

    @Test
    void yumIsAskedForCentos7sPackagesAndWhatItLacksIsDownloadedOnce() throws IOException {
        assertThat(log("yum.log").lines().toList()).containsExactly(
                // first run
                "yum install -y -q util-linux iproute iptables procps-ng curl tar gzip",
                "yum install -y -q python3-libseccomp",
                "yum install -y -q busybox",
                "yum install -y -q java-17-openjdk-headless",
                // second run: busybox, tini and the JRE are there now
                "yum install -y -q util-linux iproute iptables procps-ng curl tar gzip",
                "yum install -y -q python3-libseccomp");
        assertThat(log("curl.log").lines().toList()).containsExactly(
                "curl -fsSL --retry 3 -o /usr/sbin/busybox.tmp"
                        + " https://busybox.net/downloads/binaries/1.35.0-x86_64-linux-musl/busybox",
                "curl -fsSL --retry 3 -o /usr/local/bin/tini.tmp"
                        + " https://github.com/krallin/tini/releases/download/v0.19.0/tini-static-amd64",
                "curl -fsSL --retry 3 https://api.adoptium.net/v3/binary/latest/17/ga/linux/x64/jre/hotspot/normal/eclipse");
        assertThat(log("binaries.log")).contains("/usr/sbin/busybox: fake busybox")
                .contains("/usr/local/bin/tini: fake tini-static-amd64").contains("openjdk version \"17.0.13\"");
        assertThat(output).contains("no python3-libseccomp here: lab hosts will run without a seccomp filter");
    }

    @Test
    void theEndOfLifeRepositoriesArePointedAtTheVault() throws IOException {
        String repo = log("CentOS-Base.repo");
        assertThat(repo).contains("#mirrorlist=http://mirrorlist.centos.org/?release=$releasever&arch=$basearch&repo=os")
                .contains("baseurl=http://vault.centos.org/centos/$releasever/os/$basearch/")
                .contains("baseurl=http://vault.centos.org/centos/$releasever/updates/$basearch/")
                .doesNotContain("\nmirrorlist=").doesNotContain("mirror.centos.org/");
        assertThat(output).containsOnlyOnce("pointing CentOS 7's repositories at vault.centos.org");
    }

    @Test
    void theAppUnitAndSettingsAreInstalledAndTheUnitStartsTheDownloadedRuntime() throws IOException {
        Path prefix = machine("opt/glassbox");
        assertThat(prefix.resolve("app/quarkus-run.jar")).hasContent("the built server");
        assertThat(prefix.resolve("lessons/01-example/lesson.yaml")).exists();
        assertThat(Files.readString(machine("etc/systemd/system/glassbox.service")))
                .contains("ExecStart=" + prefix + "/bin/glassbox-server").contains("Delegate=yes")
                .contains("Environment=GLASSBOX_DATA_DIR=" + machine("var/lib/glassbox"));
        assertThat(machine("etc/glassbox/glassbox.env")).content().contains("GLASSBOX_SANDBOX_ISOLATION=auto");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(machine("var/lib/glassbox"))))
                .isEqualTo("rwx--x--x");
        // No java on the PATH (CentOS 7 has none that is 17): ExecStart's script runs the JRE in the prefix.
        assertThat(prefix.resolve("bin/jvm-options")).content().contains("\n-XX:+ExitOnOutOfMemoryError\n");
        assertThat(log("java.log")).isEqualTo("temurin java @" + prefix.resolve("bin/jvm-options")
                + " -Dquarkus.http.port=18295 -jar " + prefix.resolve("app/quarkus-run.jar") + "\n");
    }

    @Test
    void aSecondRunChangesNothing() {
        String second = output.substring(output.indexOf("=== provision.sh run 2"));
        assertThat(second).doesNotContain("writing").doesNotContain("downloading").doesNotContain("installing Eclipse")
                .doesNotContain("pointing CentOS 7's repositories");
        assertThat(List.of(second.split("\n"))).last().asString().contains("installed in");
    }
}
