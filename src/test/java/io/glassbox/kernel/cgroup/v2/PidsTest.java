package io.glassbox.kernel.cgroup.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidsTest {

    @TempDir
    Path dir;

    private final Pids pids = new Pids();
    private CgroupNode node;

    @BeforeEach
    void setUp() {
        CgroupFixture.populateV2(dir, "memory pids cpu");
        node = CgroupNode.unified(dir);
    }

    @Test
    void limitCurrentAndRefusedForks() {
        assertThat(pids.readMax(node)).isEmpty();

        pids.writeMax(node, 16);
        CgroupFixture.write(dir.resolve("pids.current"), "16\n");
        CgroupFixture.write(dir.resolve("pids.events"), "max 5\nmax.imposed 5\n");

        assertThat(CgroupFixture.read(dir.resolve("pids.max"))).isEqualTo("16");
        assertThat(pids.readMax(node)).isEqualTo(OptionalLong.of(16));
        assertThat(pids.readCurrent(node)).isEqualTo(16);
        assertThat(pids.readMaxEvents(node)).isEqualTo(5);
    }
}
