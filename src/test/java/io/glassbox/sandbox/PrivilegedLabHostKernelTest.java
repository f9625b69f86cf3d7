package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static io.glassbox.testing.KernelTests.PROC;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.testing.KernelTests;
import io.glassbox.testing.Leftovers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Privileged mode (single-learner VMs such as CentOS 7): every namespace but the user namespace. */
@Tag("kernel")
class PrivilegedLabHostKernelTest {

    static Path dataDir;
    static Sandbox sandbox;

    @BeforeAll
    static void openSandbox() throws IOException {
        KernelTests.assumeRoot();
        dataDir = KernelTests.newDataDir();
        sandbox = KernelTests.open(KernelTests.settings(dataDir, IsolationMode.PRIVILEGED, 1_950_000_000L));
    }

    @AfterAll
    static void closeSandbox() throws IOException {
        if (sandbox != null) {
            sandbox.close();
        }
        KernelTests.deleteTree(dataDir);
    }

    @Test
    void aPrivilegedLabHostHasAllButTheUserNamespaceAndGoesAwayCleanly() throws IOException {
        LabHost host = sandbox.create(SessionIds.next());
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
            sandbox.destroy(host);
        }
        assertThat(Path.of("/proc", Long.toString(host.initPid()))).doesNotExist();
        host.cgroup().distinctDirectories().forEach(dir -> assertThat(dir).doesNotExist());
        assertThat(Leftovers.linksIn(sandbox.instanceName())).isEmpty();
    }
}
