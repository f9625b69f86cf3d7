package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabLimitsTest {

    @Test
    void everyNamespaceTypeGetsTheSameCountAndTheWatchLimitsAreSet() {
        var sysctls = new LabLimits(16, 2048).userSysctls();
        assertThat(sysctls).containsEntry("max_user_namespaces", 16).containsEntry("max_net_namespaces", 16)
                .containsEntry("max_mnt_namespaces", 16).containsEntry("max_time_namespaces", 16)
                .containsEntry("max_inotify_instances", 128).containsKey("max_fanotify_marks");
    }

    @Test
    void mountMaxIsLoweredNeverRaised(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mount-max");
        Files.writeString(file, "100000\n");
        assertThat(new LabLimits(16, 2048).applyMountMax(file)).contains("lowered from 100000 to 2048");
        assertThat(Files.readString(file)).isEqualTo("2048\n");

        Files.writeString(file, "1000\n");
        assertThat(new LabLimits(16, 2048).applyMountMax(file)).isEqualTo("fs.mount-max stays 1000");
        assertThat(new LabLimits(16, 0).applyMountMax(file)).isEqualTo("fs.mount-max stays 1000");
        assertThat(Files.readString(file)).isEqualTo("1000\n");
    }

    @Test
    void tooSmallLimitsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new LabLimits(4, 2048)).hasMessageContaining("at least 8 namespaces");
        assertThatThrownBy(() -> new LabLimits(16, 10)).hasMessageContaining("at least 256 mounts");
    }
}
