package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.testing.KernelTests;
import io.glassbox.testing.Leftovers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Teardown leaves nothing on the machine, whatever the learner did, and a restart sweeps a crashed server's labs. */
@Tag("kernel")
class LabHostTeardownKernelTest {

    private static final long UID_BASE = 1_700_000_000L;

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
    void daemonsFrozenCgroupsAndPlantedSymlinksDoNotSurviveOrMisleadTeardown() throws IOException {
        Path precious = Files.writeString(dataDir.resolve("precious"), "keep me");
        LabHost host = sandbox.create(SessionIds.next());
        String script = String.join("\n",
                "nohup sleep 1001 >/dev/null 2>&1 &",
                "setsid sleep 1002 &",
                "sh -c '(sleep 1003 &) &'",
                "sleep 1004 & disown",
                "ln -s " + precious + " /tmp/evil; ln -s / /root/rootlink",
                "mkdir /sys/fs/cgroup/freezer/paused && sh -c 'echo $$ > /sys/fs/cgroup/freezer/paused/cgroup.procs;"
                        + " exec sleep 1005' &",
                "sleep 0.3; echo FROZEN > /sys/fs/cgroup/freezer/paused/freezer.state",
                "mkdir -p /tmp/mnt && mount -t tmpfs glassbox-learner /tmp/mnt && echo mounted");
        var result = COMMANDS.run(host.exec(List.of("/bin/bash", "-c", script)));
        assertThat(result.stdout()).as(result.stderr()).contains("mounted");
        assertThat(Leftovers.processesWithUids(host.uidBase(), 65536)).hasSizeGreaterThanOrEqualTo(5);

        sandbox.destroy(host);

        assertNothingLeft(host);
        assertThat(precious).hasContent("keep me");
    }

    @Test
    void aRestartSweepsTheLabHostsOfAServerThatDiedWithoutTeardown() throws IOException {
        LabHost host = sandbox.create(SessionIds.next());
        COMMANDS.run(host.exec(List.of("/bin/sh", "-c", "nohup sleep 1000 >/dev/null 2>&1 &")));
        sandbox.abandon(); // what kill -9 of the server leaves: lab hosts running, state files on disk
        sandbox = null;
        assertThat(Leftovers.processesWithUids(host.uidBase(), 65536)).isNotEmpty();

        sandbox = KernelTests.open(KernelTests.settings(dataDir, IsolationMode.USERNS, UID_BASE));

        assertNothingLeft(host);
    }

    @Test
    void aHundredLabHostsComeAndGoWithoutLeakingAnything() throws IOException {
        long fdsBefore = openFileDescriptors();
        for (int i = 0; i < 100; i++) {
            LabHost host = sandbox.create(SessionIds.next());
            assertThat(COMMANDS.run(host.exec(List.of("true"))).exitCode()).isZero();
            sandbox.destroy(host);
        }
        assertThat(Leftovers.processesWithUids(UID_BASE, 65536L * 4)).isEmpty();
        // The instance cgroup itself and, below it, the web service's ("internet"): no lab's.
        assertThat(Leftovers.cgroups(sandbox.instanceName()).stream().filter(p -> !p.endsWith("/internet")))
                .hasSize(cgroupHierarchies());
        assertThat(Leftovers.linksIn(sandbox.instanceName())).isEmpty();
        assertThat(Leftovers.mounts(dataDir.toString())).isEmpty();
        assertThat(Files.list(dataDir.resolve("sessions")).toList()).isEmpty();
        assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 5);
    }

    private void assertNothingLeft(LabHost host) throws IOException {
        assertThat(Leftovers.processesWithUids(host.uidBase(), 65536)).isEmpty();
        assertThat(Files.exists(Path.of("/proc", Long.toString(host.initPid())))).isFalse();
        for (Path dir : host.cgroup().distinctDirectories()) {
            assertThat(dir).doesNotExist();
        }
        assertThat(Leftovers.linksIn(sandbox.instanceName())).isEmpty();
        assertThat(Leftovers.mounts(dataDir.toString())).isEmpty();
        assertThat(Leftovers.mounts("glassbox-learner")).isEmpty();
        assertThat(dataDir.resolve("sessions").resolve(host.id() + ".json")).doesNotExist();
    }

    /** The instance cgroup itself, once per hierarchy the driver manages. */
    private int cgroupHierarchies() {
        return sandbox.cgroups().cgroupOf(ProcessHandle.current().pid()).distinctDirectories().size();
    }

    private static long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
