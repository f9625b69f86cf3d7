package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static io.glassbox.testing.KernelTests.PROC;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.testing.SandboxExtension;
import io.glassbox.testing.Leftovers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Privileged mode (single-learner VMs such as CentOS 7): every namespace but the user namespace. */
@Tag("kernel")
class PrivilegedLabHostKernelTest {

    @RegisterExtension
    static final SandboxExtension LAB = new SandboxExtension(IsolationMode.PRIVILEGED, 1_950_000_000L);



    @Test
    void aPrivilegedLabHostHasAllButTheUserNamespaceAndGoesAwayCleanly() throws IOException {
        LabHost host = LAB.sandbox().create(SessionIds.next());
        long self = ProcessHandle.current().pid();
        try {
            assertThat(PROC.namespace(host.initPid(), NamespaceType.USER)).isEqualTo(PROC.namespace(self, NamespaceType.USER));
            for (NamespaceType type : List.of(NamespaceType.MNT, NamespaceType.PID, NamespaceType.UTS, NamespaceType.IPC,
                    NamespaceType.NET, NamespaceType.CGROUP)) {
                assertThat(PROC.namespace(host.initPid(), type)).isNotEqualTo(PROC.namespace(self, type));
            }
            assertThat(host.uidBase()).isZero();
            String out = COMMANDS.run(host.exec(List.of("/bin/sh", "-c",
                    "hostname; curl -sS -m 3 http://internet/ | head -c 200; ls /images"))).stdout();
            assertThat(out).startsWith(host.hostname()).contains("Hello from the internet").contains("busybox", "web");
        } finally {
            LAB.sandbox().destroy(host);
        }
        assertThat(Path.of("/proc", Long.toString(host.initPid()))).doesNotExist();
        host.cgroup().distinctDirectories().forEach(dir -> assertThat(dir).doesNotExist());
        assertThat(Leftovers.linksIn(LAB.sandbox().instanceName())).isEmpty();
    }
}
