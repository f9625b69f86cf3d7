package io.glassbox.kernel.cgroup.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.FreezerState;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreezerTest {

    @TempDir
    Path dir;

    private final Freezer freezer = new Freezer();
    private CgroupNode node;

    @BeforeEach
    void setUp() {
        CgroupFixture.populateV2(dir, "memory pids cpu");
        node = CgroupNode.unified(dir);
    }

    private void state(String freeze, String frozen) {
        CgroupFixture.write(dir.resolve("cgroup.freeze"), freeze + "\n");
        CgroupFixture.write(dir.resolve("cgroup.events"), "populated 1\nfrozen " + frozen + "\n");
    }

    @Test
    void stateComesFromCgroupFreezeAndCgroupEvents() {
        state("0", "0");
        assertThat(freezer.readState(node)).isEqualTo(FreezerState.THAWED);
        state("1", "0");
        assertThat(freezer.readState(node)).isEqualTo(FreezerState.FREEZING);
        state("1", "1");
        assertThat(freezer.readState(node)).isEqualTo(FreezerState.FROZEN);
        state("0", "1"); // an ancestor is frozen
        assertThat(freezer.readState(node)).isEqualTo(FreezerState.FROZEN);
    }

    @Test
    void freezeAndThawWriteOneAndZero() {
        freezer.freeze(node);
        assertThat(CgroupFixture.read(dir.resolve("cgroup.freeze"))).isEqualTo("1");
        freezer.thaw(node);
        assertThat(CgroupFixture.read(dir.resolve("cgroup.freeze"))).isEqualTo("0");
    }
}
