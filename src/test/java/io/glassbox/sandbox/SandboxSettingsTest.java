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
        assertThatThrownBy(() -> new SandboxSettings(Path.of("/x"), IsolationMode.USERNS, 1 << 30, 512, 1, 1, 1,
                2_400_000_000L, Duration.ofSeconds(1), new LabLimits(16, 2048))).hasMessageContaining("below 2^31")
                .hasMessageContaining("2400000000");
        long last = Integer.MAX_VALUE - SandboxSettings.UIDS_PER_LAB;
        assertThat(new SandboxSettings(Path.of("/x"), IsolationMode.USERNS, 1 << 30, 512, 1, 1, 1, last,
                Duration.ofSeconds(1), new LabLimits(16, 2048)).maxSlots()).isEqualTo(1);
    }
}
