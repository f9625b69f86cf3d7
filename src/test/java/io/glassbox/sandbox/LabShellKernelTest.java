package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.PROC;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.terminal.LabShells;
import io.glassbox.terminal.Pty;
import io.glassbox.testing.SandboxExtension;
import io.glassbox.testing.OutputCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A learner's shell on a pseudo-terminal, started into a real lab host. */
@Tag("kernel")
class LabShellKernelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final SandboxExtension LAB = new SandboxExtension(IsolationMode.USERNS, 1_800_000_000L);

    @Test
    void theShellRunsInTheLabHostsNamespacesAndCgroupWithAWorkingTerminal() throws Exception {
        LabHost host = LAB.sandbox().create(SessionIds.next());
        try {
            Pty pty = LabShells.of(host).start(80, 24);
            OutputCollector output = new OutputCollector();
            pty.start(output);
            output.await("root@" + host.hostname() + ".*# ", WAIT);

            List<Long> shells = PROC.children(pty.pid());
            assertThat(shells).as("the terminal program's one child, the login shell").hasSize(1);
            long bash = shells.get(0);
            assertThat(PROC.cmdline(bash)).containsExactly("/bin/bash", "--login");
            for (NamespaceType type : List.of(NamespaceType.USER, NamespaceType.MNT, NamespaceType.PID,
                    NamespaceType.NET, NamespaceType.UTS, NamespaceType.IPC, NamespaceType.CGROUP)) {
                assertThat(PROC.namespace(bash, type)).isEqualTo(PROC.namespace(host.initPid(), type));
            }
            assertThat(LAB.sandbox().cgroups().processes(host.cgroup())).contains(pty.pid(), bash);
            assertThat(fileDescriptors(pty.pid())).containsOnly("0", "1", "2");

            type(pty, "echo $((6*7)) $HOME $(pwd) $(tty) $(stat -c %U:%G $(tty))\n");
            output.await("42 /root /root /dev/pts/0 root:root", WAIT);
            type(pty, "echo devpts: $(ps -o tty= -p $$) $(ls /dev/pts)\n");
            output.await("devpts: pts/0 0 ptmx", WAIT);

            pty.resize(100, 30);
            type(pty, "stty size\n");
            output.await("30 100", WAIT);

            type(pty, "env | sort | tr '\\n' ' '\n");
            assertThat(output.await("TERM=xterm-256color", WAIT)).doesNotContain("GB_", "JAVA", "QUARKUS", "MAVEN");

            type(pty, "exit 3\n");
            assertThat(output.awaitEnd(WAIT)).isEqualTo(3);
        } finally {
            LAB.sandbox().destroy(host);
        }
    }

    private static void type(Pty pty, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(pty.write(bytes, 0, bytes.length)).isEqualTo(bytes.length);
    }

    private static List<String> fileDescriptors(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(fd -> fd.getFileName().toString()).toList();
        }
    }
}
