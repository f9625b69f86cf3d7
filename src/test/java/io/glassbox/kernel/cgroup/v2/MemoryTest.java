package io.glassbox.kernel.cgroup.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {

    @TempDir
    Path dir;

    private final Memory memory = new Memory();
    private CgroupNode node;

    @BeforeEach
    void setUp() {
        CgroupFixture.populateV2(dir, "memory pids cpu");
        node = CgroupNode.unified(dir);
    }

    @Test
    void maxMeansUnlimited() {
        assertThat(memory.readMax(node)).isEmpty();
    }

    @Test
    void aLimitIsReadAndWrittenInBytes() {
        memory.writeMax(node, 32L << 20);

        assertThat(CgroupFixture.read(dir.resolve("memory.max"))).isEqualTo("33554432");
        assertThat(memory.readMax(node)).isEqualTo(OptionalLong.of(33554432));
    }

    @Test
    void usagePeakAndOomKillsFromMemoryEvents() {
        CgroupFixture.write(dir.resolve("memory.current"), "1048576\n");
        CgroupFixture.write(dir.resolve("memory.peak"), "33550336\n");
        CgroupFixture.write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 41\noom 1\noom_kill 1\n");

        assertThat(memory.readCurrent(node)).isEqualTo(1048576);
        assertThat(memory.readPeak(node)).isEqualTo(33550336);
        assertThat(memory.readOomKills(node)).isEqualTo(1);
    }

    @Test
    void peakIsZeroBeforeLinux519() throws Exception {
        Files.delete(dir.resolve("memory.peak"));

        assertThat(memory.readPeak(node)).isZero();
    }
}
