package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec.FileCheck;
import io.glassbox.lesson.model.CheckSpec.HostnameCheck;
import io.glassbox.lesson.model.CheckSpec.ProcessCountCheck;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Privileged mode has no user namespace: checks then look as the machine's real root, but still inside the lab
 * host's mount namespace, where nothing of the machine's filesystem but /usr is mounted.
 */
@Tag("kernel")
class PrivilegedChecksKernelTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.PRIVILEGED, 1_210_000_000L);

    @Test
    void filesAreStillTheLabHostsOwn() throws Exception {
        String shadow = Files.readAllLines(Path.of("/etc/shadow")).get(0);
        try (CheckLab lab = CheckLab.open(SANDBOX)) {
            lab.run("ln -s /etc/shadow /tmp/x && ln -s /../../etc/shadow /tmp/y");
            for (String path : new String[] {"/tmp/x", "/tmp/y", "/etc/shadow"}) {
                CheckResult result = lab.checkLabHost(new FileCheck(null, null, null, path, null, "root:", null));
                assertThat(result.passed()).isFalse();
                assertThat(result.message()).doesNotContain(shadow.substring(0, Math.min(12, shadow.length())));
            }
            assertThat(lab.checkLabHost(new HostnameCheck(null, null, null, lab.host.hostname())).passed()).isTrue();
            CheckResult count = lab.checkLabHost(new ProcessCountCheck(null, null, null, 1, 5));
            assertThat(count.passed()).as(count.message()).isTrue();
        }
    }
}
