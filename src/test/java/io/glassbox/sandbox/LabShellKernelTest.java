package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.PROC;
import static org.assertj.core.api.Assertions.assertThat;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import io.glassbox.host.PtyLauncher;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.testing.SandboxExtension;
import io.glassbox.testing.OutputCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
            ShellCommand shell = host.shellCommand("xterm-256color");
            PtyProcess pty = new PtyLauncher().start(shell.argv(), shell.environment(), 80, 24);
            OutputCollector output = new OutputCollector(pty.getInputStream());
            output.await("root@" + host.hostname() + ".*# ", WAIT);

            List<Long> scripts = PROC.children(pty.pid());
            assertThat(scripts).hasSize(1);
            List<Long> shells = PROC.children(scripts.get(0));
            assertThat(shells).hasSize(1);
            long bash = shells.get(0);
            assertThat(PROC.cmdline(bash)).containsExactly("/bin/bash", "--login");
            for (NamespaceType type : List.of(NamespaceType.USER, NamespaceType.MNT, NamespaceType.PID,
                    NamespaceType.NET, NamespaceType.UTS, NamespaceType.IPC, NamespaceType.CGROUP)) {
                assertThat(PROC.namespace(bash, type)).isEqualTo(PROC.namespace(host.initPid(), type));
            }
            assertThat(LAB.sandbox().cgroups().processes(host.cgroup())).contains(pty.pid(), bash);
            assertThat(fileDescriptors(pty.pid())).containsOnly("0", "1", "2");

            type(pty, "echo $((6*7)) $HOME $(pwd) $(tty)\n");
            output.await("42 /root /root /dev/pts/0", WAIT);

            pty.setWinSize(new WinSize(100, 30));
            type(pty, "stty size\n");
            output.await("30 100", WAIT);

            type(pty, "env | sort | tr '\\n' ' '\n");
            assertThat(output.await("TERM=xterm-256color", WAIT)).doesNotContain("GB_", "JAVA", "QUARKUS", "MAVEN");

            type(pty, "exit 3\n");
            assertThat(pty.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pty.exitValue()).isEqualTo(3);
        } finally {
            LAB.sandbox().destroy(host);
        }
    }

    private static void type(PtyProcess pty, String text) throws IOException {
        pty.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        pty.getOutputStream().flush();
    }

    private static List<String> fileDescriptors(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(fd -> fd.getFileName().toString()).toList();
        }
    }
}
