package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabUplinkTest {

    @Test
    void eachSlotGetsItsOwnSlash30InsideTheTestingRange() {
        assertThat(LabUplink.forSlot(0, "0123456789abcdef")).isEqualTo(
                new LabUplink("lab-01234567", "198.19.0.1", "198.19.0.2", 30));
        assertThat(LabUplink.forSlot(64, "ab")).isEqualTo(new LabUplink("lab-ab", "198.19.1.1", "198.19.1.2", 30));
        assertThat(LabUplink.forSlot(16383, "ab").labAddress()).isEqualTo("198.19.255.254");
    }

    @Test
    void slotsNeverShareAnAddress() {
        Set<String> seen = new HashSet<>();
        for (int slot = 0; slot < 16384; slot++) {
            LabUplink uplink = LabUplink.forSlot(slot, "x");
            assertThat(seen.add(uplink.outsideAddress())).isTrue();
            assertThat(seen.add(uplink.labAddress())).isTrue();
            assertThat(uplink.outsideAddress()).doesNotStartWith("198.18.");
        }
    }

    @Test
    void interfaceNamesFitTheKernelLimit() {
        assertThat(LabUplink.forSlot(1, "ffffffffffffffffffffffff").linkName()).hasSizeLessThanOrEqualTo(15);
        assertThatThrownBy(() -> LabUplink.forSlot(16384, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
