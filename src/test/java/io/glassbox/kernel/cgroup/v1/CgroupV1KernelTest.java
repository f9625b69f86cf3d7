package io.glassbox.kernel.cgroup.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupDrivers;
import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupLayout;
import io.glassbox.kernel.cgroup.CgroupLayoutKind;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CgroupTree;
import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.CpuQuota;
import io.glassbox.kernel.cgroup.FreezerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The v1 driver on this machine's real hierarchies, as root. Each test works in a fresh cgroup
 * {@code glassbox-test-<random>} below the test JVM's own cgroups (the memory one is not the root here), and
 * {@link #removeEverything()} thaws, kills and removes whatever a test left, even when it failed.
 */
@Tag("kernel")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CgroupV1KernelTest {

    private static final long MIB = 1 << 20;
    private static final long SELF = ProcessHandle.current().pid();

    private CgroupDriver driver;
    private CgroupNode node;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void requireRootAndCgroupV1() throws IOException {
        ProcFs proc = ProcFs.system();
        String euid = proc.statusField(SELF, "Uid").orElse("-1 -1").split("\\s+")[1];
        assumeTrue(euid.equals("0"), "needs root: creating cgroups and moving processes into them is privileged");
        CgroupLayout layout = CgroupLayout.detect(proc.mountInfo(SELF));
        assumeTrue(layout.v1MountOf("memory").isPresent() && layout.v1MountOf("pids").isPresent(),
                "needs cgroup v1 memory and pids hierarchies; this machine has " + layout.describe());
        driver = CgroupDrivers.detect(layout, proc);
        assumeTrue(driver.version() == CgroupVersion.V1, "the v2 driver applies here: " + layout.describe());
        node = driver.cgroupOf(SELF).child("glassbox-test-" + Long.toHexString(new SecureRandom().nextLong()));
    }

    @AfterEach
    void removeEverything() throws InterruptedException {
        if (node == null) {
            return;
        }
        try {
            driver.freezer().thaw(node); // a SIGKILL to a task frozen by the v1 freezer waits for the thaw
        } catch (KernelException | IllegalArgumentException notCreated) {
            // nothing was frozen
        }
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 100 && !driver.processes(node).isEmpty(); i++) {
            driver.processes(node).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            Thread.sleep(100);
        }
        driver.removeTree(node);
        assertThat(node.distinctDirectories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void thisMachineHasV1Hierarchies() {
        CgroupLayout layout = driver.layout();

        assertThat(layout.kind()).isIn(CgroupLayoutKind.LEGACY, CgroupLayoutKind.HYBRID);
        assertThat(layout.describe()).contains("memory at " + layout.v1MountOf("memory").orElseThrow());
        assertThat(driver.controllers()).contains(Controller.MEMORY, Controller.PIDS);
    }

    @Test
    void limitsAreWrittenAndReadBack() {
        driver.create(node);
        driver.create(node);

        driver.memory().writeMax(node, 32 * MIB);
        driver.pids().writeMax(node, 16);
        driver.cpu().writeQuota(node, CpuQuota.ofCpus(0.5));

        assertThat(node.distinctDirectories()).allSatisfy(dir -> assertThat(CgroupTree.isCgroupFs(dir)).isTrue());
        assertThat(driver.memory().readMax(node)).hasValue(32 * MIB);
        assertThat(driver.pids().readMax(node)).hasValue(16);
        assertThat(driver.cpu().readQuota(node).cpus()).isEqualTo(0.5);
        assertThat(driver.freezer().readState(node)).isEqualTo(FreezerState.THAWED);

        driver.cpu().writeQuota(node, CpuQuota.unlimited());
        assertThat(driver.cpu().readQuota(node).quotaMicros()).isEmpty();
    }

    @Test
    void aProcessIsMovedInFrozenThawedAndKilled() throws Exception {
        driver.create(node);
        Process sleep = start("sleep", "30");

        moveInto(node, sleep.pid());

        assertThat(driver.processes(node)).containsExactly(sleep.pid());
        assertThat(driver.cgroupOf(sleep.pid())).isEqualTo(node);
        assertThat(driver.pids().readCurrent(node)).isEqualTo(1);

        driver.freezer().freeze(node);
        await(() -> driver.freezer().readState(node) == FreezerState.FROZEN, "the freezer to report FROZEN");
        driver.freezer().thaw(node);
        await(() -> driver.freezer().readState(node) == FreezerState.THAWED, "the freezer to report THAWED");

        sleep.destroyForcibly().waitFor();
        await(() -> driver.processes(node).isEmpty(), "the cgroup to empty");
        driver.removeTree(node);
        assertThat(node.distinctDirectories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void processesInChildCgroupsCountAndBlockRemoval() throws Exception {
        driver.create(node);
        CgroupNode box = node.child("box1");
        driver.create(box);
        Process sleep = start("sleep", "30");
        moveInto(box, sleep.pid());

        assertThat(driver.processes(node)).containsExactly(sleep.pid());
        assertThatThrownBy(() -> driver.removeTree(node)).isInstanceOf(KernelException.class)
                .hasMessageContaining("rmdir " + box.directory(Controller.MEMORY))
                .hasMessageContaining("EBUSY (processes are still inside; kill them first)");
    }

    @Test
    void nestedCgroupsAreFoundByTheirLinkCounts() {
        driver.create(node);
        driver.create(node.child("box1"));
        driver.create(node.child("box1").child("inner"));
        driver.create(node.child("box2"));
        Path memory = node.directory(Controller.MEMORY);

        // kernfs counts a cgroup's subdirectories in its link count; directories() lists only where it is not 2.
        List<Path> found = CgroupTree.directories(memory);
        assertThat(found).containsExactlyInAnyOrder(memory, memory.resolve("box1"), memory.resolve("box1/inner"),
                memory.resolve("box2"));
        assertThat(found.get(0)).isEqualTo(memory);
        assertThat(found.indexOf(memory.resolve("box1"))).isLessThan(found.indexOf(memory.resolve("box1/inner")));
        assertThat(driver.descendants(node)).isEqualTo(3);
        assertThat(driver.descendants(node.child("box2"))).isZero();
    }

    @Test
    void aMemoryHogIsOomKilledAtTheLimit() throws Exception {
        driver.create(node);
        driver.memory().writeMax(node, 32 * MIB);
        // Only start the hog once the limit is known to be in force on a real cgroupfs.
        assertThat(driver.memory().readMax(node)).hasValue(32 * MIB);
        assertThat(CgroupTree.isCgroupFs(node.directory(Controller.MEMORY))).isTrue();

        // The shell joins the cgroup before it execs the hog; ulimit -v is a backstop should the limit not apply.
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "set -e; ulimit -v 1048576; for f in \"$@\"; do echo $$ > \"$f\"; done; exec tail /dev/zero", "hog"));
        driver.procsFiles(node).forEach(file -> command.add(file.toString()));
        Process hog = start(command.toArray(String[]::new));

        assertThat(hog.waitFor(60, TimeUnit.SECONDS)).as("the hog ends").isTrue();
        assertThat(hog.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(driver.memory().readOomKills(node)).isGreaterThanOrEqualTo(1);
        assertThat(driver.memory().readPeak(node)).isBetween(16 * MIB, 32 * MIB);
    }

    @Test
    void aCpuQuotaThrottlesABusyLoop() throws Exception {
        driver.create(node);
        driver.cpu().writeQuota(node, CpuQuota.ofCpus(0.1));
        List<String> command = new ArrayList<>(List.of("sh", "-c",
                "set -e; for f in \"$@\"; do echo $$ > \"$f\"; done; while :; do :; done", "busy"));
        driver.procsFiles(node).forEach(file -> command.add(file.toString()));
        start(command.toArray(String[]::new));

        await(() -> driver.cpu().readStats(node).throttledPeriods() > 0, "the busy loop to be throttled");
        assertThat(driver.cpu().readStats(node).usageMicros()).isPositive();
        assertThat(driver.cpu().readStats(node).throttledMicros()).isPositive();
    }

    @Test
    void delegationChownsTheWholeNodeButNotItsParent() throws Exception {
        driver.create(node);
        driver.create(node.child("box1"));

        var delegation = driver.delegate(node, 100000, 100000);

        assertThat(delegation.processes()).isEqualTo(node);
        for (Path dir : node.distinctDirectories()) {
            assertThat(CgroupFixture.uidOf(dir)).isEqualTo(100000);
            assertThat(CgroupFixture.uidOf(dir.resolve("cgroup.procs"))).isEqualTo(100000);
            assertThat(CgroupFixture.uidOf(dir.resolve("box1/cgroup.procs"))).isEqualTo(100000);
            assertThat(CgroupFixture.uidOf(dir.getParent())).isZero();
        }
        assertThat(driver.labMounts(node)).containsKeys("memory", "pids").containsEntry("memory",
                node.directory(Controller.MEMORY));
        assertThat(Files.getAttribute(node.directory(Controller.PIDS).resolve("pids.max"), "unix:gid"))
                .isEqualTo(100000);
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    private void moveInto(CgroupNode target, long pid) {
        for (Path procs : driver.procsFiles(target)) {
            CgroupFiles.write(procs, Long.toString(pid));
        }
    }

    /** Polls, because the freezer and the scheduler act asynchronously; gives up after 10 s. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
