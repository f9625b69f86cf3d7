package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.testing.KernelTests;
import io.glassbox.testing.Leftovers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The guardian's own cleanup, without a real kill -9 (see attack.ServerKillIT for that): when the server's pipe
 * closes without "closing", every lab process goes, learner daemons and processes in a cgroup the learner froze
 * included, and so do the outside network's web service, the cgroups and the outside network namespace; the
 * next start still sweeps the state files.
 */
@Tag("kernel")
class ServerGuardianKernelTest {

    private static final long UID_BASE = 1_700_000_000L;

    Path dataDir;
    Sandbox sandbox;

    @BeforeEach
    void open() throws Exception {
        KernelTests.assumeRoot();
        dataDir = KernelTests.newDataDir();
        sandbox = KernelTests.open(KernelTests.settings(dataDir, IsolationMode.USERNS, UID_BASE));
    }

    @AfterEach
    void close() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
        FileTrees.delete(dataDir);
    }

    @Test
    void aDeadServersGuardianKillsDaemonsFrozenCgroupsAndTheOutsideNetwork() throws Exception {
        LabHost host = sandbox.create(SessionIds.next());
        String script = String.join("\n",
                "nohup sleep 1001 >/dev/null 2>&1 &",
                "setsid sleep 1002 &",
                "mkdir /sys/fs/cgroup/freezer/paused 2>/dev/null || mkdir /sys/fs/cgroup/paused",
                "d=/sys/fs/cgroup/freezer/paused; [ -d $d ] || d=/sys/fs/cgroup/paused",
                "sh -c \"echo \\$\\$ > $d/cgroup.procs; exec sleep 1005\" &",
                "sleep 0.3; echo FROZEN > $d/freezer.state 2>/dev/null || echo 1 > $d/cgroup.freeze; echo frozen");
        var result = COMMANDS.run(host.exec(List.of("/bin/bash", "-c", script)));
        assertThat(result.stdout()).as(result.stderr()).contains("frozen");
        assertThat(Leftovers.processesWithUids(host.uidBase(), 65536)).hasSizeGreaterThanOrEqualTo(4);
        String instance = sandbox.instanceName();
        List<Long> outside = COMMANDS.run(List.of("ip", "netns", "pids", instance)).stdout().lines()
                .filter(line -> line.matches("\\d+")).map(Long::parseLong).toList();
        assertThat(outside).as("the outside network's web service").isNotEmpty();

        sandbox.guardian().simulateServerDeath();

        // Killed all at once, a lab's init may outlive its unshare by a moment as a zombie for the machine's init.
        for (int i = 0; i < 50 && !Leftovers.processesWithUids(host.uidBase(), 65536).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(Leftovers.processesWithUids(host.uidBase(), 65536)).isEmpty();
        assertThat(Path.of("/proc", Long.toString(host.initPid()))).doesNotExist();
        for (long pid : outside) { // children of this JVM, which reaps them at once
            for (int i = 0; i < 50 && Files.exists(Path.of("/proc", Long.toString(pid))); i++) {
                Thread.sleep(100);
            }
            assertThat(Path.of("/proc", Long.toString(pid))).doesNotExist();
        }
        assertThat(Leftovers.cgroups(instance)).isEmpty();
        assertThat(Path.of("/run/netns", instance)).doesNotExist();
        assertThat(dataDir.resolve("guardian.log")).content().contains("the server is gone").contains("killed");

        // The state file is still there: the next start's sweep finds nothing running and removes it.
        assertThat(dataDir.resolve("sessions").resolve(host.id() + ".json")).exists();
        sandbox.abandon();
        sandbox = KernelTests.open(KernelTests.settings(dataDir, IsolationMode.USERNS, UID_BASE));
        assertThat(dataDir.resolve("sessions").resolve(host.id() + ".json")).doesNotExist();
        assertThat(Files.exists(Path.of("/run/netns", instance))).isTrue();
    }
}
