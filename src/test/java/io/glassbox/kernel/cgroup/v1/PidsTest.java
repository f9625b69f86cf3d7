package io.glassbox.kernel.cgroup.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidsTest {

    @TempDir
    Path root;

    private final Pids pids = new Pids();
    private CgroupNode node;

    @BeforeEach
    void setUp() {
        node = V1Fixture.lab(root);
    }

    private Path file(String name) {
        return V1Fixture.file(node, Controller.PIDS, name);
    }

    @Test
    void maxMeansUnlimited() {
        assertThat(pids.readMax(node)).isEmpty();
    }

    @Test
    void aLimitIsReadAndWritten() {
        pids.writeMax(node, 16);

        assertThat(CgroupFixture.read(file("pids.max"))).isEqualTo("16");
        assertThat(pids.readMax(node)).isEqualTo(OptionalLong.of(16));
    }

    @Test
    void currentAndRefusedForks() throws Exception {
        CgroupFixture.write(file("pids.current"), "7\n");
        CgroupFixture.write(file("pids.events"), "max 3\n");

        assertThat(pids.readCurrent(node)).isEqualTo(7);
        assertThat(pids.readMaxEvents(node)).isEqualTo(3);
        Files.delete(file("pids.events"));
        assertThat(pids.readMaxEvents(node)).isZero();
    }
}
