package io.glassbox.kernel.cgroup.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {

    @TempDir
    Path root;

    private final Memory memory = new Memory();
    private CgroupNode node;

    @BeforeEach
    void setUp() {
        node = V1Fixture.lab(root);
    }

    private Path file(String name) {
        return V1Fixture.file(node, Controller.MEMORY, name);
    }

    @Test
    void theHugeDefaultLimitMeansUnlimited() {
        assertThat(memory.readMax(node)).isEmpty();
        CgroupFixture.write(file("memory.limit_in_bytes"), (1L << 62) + "\n");
        assertThat(memory.readMax(node)).isEmpty();
    }

    @Test
    void aLimitIsReadAndWrittenInBytes() {
        memory.writeMax(node, 32L << 20);

        assertThat(CgroupFixture.read(file("memory.limit_in_bytes"))).isEqualTo("33554432");
        assertThat(memory.readMax(node)).isEqualTo(OptionalLong.of(33554432));
        assertThatThrownBy(() -> memory.writeMax(node, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usagePeakAndOomKills() {
        CgroupFixture.write(file("memory.usage_in_bytes"), "1048576\n");
        CgroupFixture.write(file("memory.max_usage_in_bytes"), "33554432\n");
        CgroupFixture.write(file("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");

        assertThat(memory.readCurrent(node)).isEqualTo(1048576);
        assertThat(memory.readPeak(node)).isEqualTo(33554432);
        assertThat(memory.readOomKills(node)).isEqualTo(2);
    }

    @Test
    void countersAnOlderKernelLacksReadAsZero() throws Exception {
        Files.delete(file("memory.max_usage_in_bytes"));
        CgroupFixture.write(file("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n"); // before Linux 4.13

        assertThat(memory.readPeak(node)).isZero();
        assertThat(memory.readOomKills(node)).isZero();
    }

    @Test
    void writingToACgroupThatDoesNotExistFailsWithoutCreatingFiles() {
        CgroupNode missing = node.child("missing");

        assertThatThrownBy(() -> memory.writeMax(missing, 1024)).isInstanceOf(KernelException.class)
                .hasMessageContaining("missing/memory.limit_in_bytes=1024: ENOENT");
        assertThat(missing.directory(Controller.MEMORY)).doesNotExist();
    }
}
