package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxSettingsTest {

    @Test
    void uidRangesOfAllSlotsStayBelowTwoToThe31() {
        SandboxSettings settings = SandboxSettings.defaults(Path.of("/x"), IsolationMode.USERNS);
        long lastUid = settings.uidBase() + (long) settings.maxSlots() * SandboxSettings.UIDS_PER_LAB - 1;
        assertThat(lastUid).isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThat(settings.maxSlots()).isGreaterThan(1000);
    }

    @Test
    void refusesCapsThatCannotWork() {
        assertThatThrownBy(() -> new SandboxSettings(Path.of("/x"), IsolationMode.USERNS, 1 << 20, 512, 1, 1, 1,
                1_000_000_000L, Duration.ofSeconds(1), new LabLimits(16, 2048))).hasMessageContaining("memory cap");
        assertThatThrownBy(() -> new SandboxSettings(Path.of("/x"), IsolationMode.USERNS, 1 << 30, 512, 1, 1, 1, 0,
                Duration.ofSeconds(1), new LabLimits(16, 2048))).hasMessageContaining("uid base");
    }

    @Test
    void refusesAUidBaseThatLeavesNoSlotBelowTwoToThe31() {
        assertThatThrownBy(() -> new SandboxSettings(Path.of("/x"), IsolationMode.USERNS, 1 << 30, 512, 1, 1, 1,
                2_300_000_000L, Duration.ofSeconds(1), new LabLimits(16, 2048)))
                .hasMessageContaining("uid base must leave one lab host's 65536 uids below 2^31 (<= 2147418111)")
                .hasMessageContaining("2300000000");
        SandboxSettings last = new SandboxSettings(Path.of("/x"), IsolationMode.USERNS, 1 << 30, 512, 1, 1, 1,
                Integer.MAX_VALUE - SandboxSettings.UIDS_PER_LAB, Duration.ofSeconds(1), new LabLimits(16, 2048));
        assertThat(last.maxSlots()).isEqualTo(1);
    }
}
