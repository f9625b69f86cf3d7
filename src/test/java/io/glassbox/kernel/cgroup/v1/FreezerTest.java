package io.glassbox.kernel.cgroup.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.FreezerState;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreezerTest {

    @TempDir
    Path root;

    private final Freezer freezer = new Freezer();
    private CgroupNode node;
    private Path state;

    @BeforeEach
    void setUp() {
        node = V1Fixture.lab(root);
        state = V1Fixture.file(node, Controller.FREEZER, "freezer.state");
    }

    @Test
    void readsTheThreeStates() {
        assertThat(freezer.readState(node)).isEqualTo(FreezerState.THAWED);
        CgroupFixture.write(state, "FREEZING\n");
        assertThat(freezer.readState(node)).isEqualTo(FreezerState.FREEZING);
        CgroupFixture.write(state, "FROZEN\n");
        assertThat(freezer.readState(node)).isEqualTo(FreezerState.FROZEN);
    }

    @Test
    void freezeAndThawWriteTheStateNames() {
        freezer.freeze(node);
        assertThat(CgroupFixture.read(state)).isEqualTo("FROZEN");
        freezer.thaw(node);
        assertThat(CgroupFixture.read(state)).isEqualTo("THAWED");
    }

    @Test
    void anUnknownStateIsAParseError() {
        CgroupFixture.write(state, "SLUSHY\n");

        assertThatThrownBy(() -> freezer.readState(node)).isInstanceOf(KernelException.class)
                .hasMessageContaining("'SLUSHY'");
    }
}
