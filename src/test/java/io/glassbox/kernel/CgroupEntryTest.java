package io.glassbox.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CgroupEntryTest {

    @Test
    void parsesV1HierarchyLines() {
        CgroupEntry memory = CgroupEntry.parse("4:memory:/process_api/767d");
        assertThat(memory.hierarchyId()).isEqualTo(4);
        assertThat(memory.controllers()).containsExactly("memory");
        assertThat(memory.path()).isEqualTo("/process_api/767d");
        assertThat(memory.isUnified()).isFalse();
        assertThat(CgroupEntry.parse("1:cpu,cpuacct:/").controllers()).containsExactly("cpu", "cpuacct");
        assertThat(CgroupEntry.parse("9:name=systemd:/").controllers()).containsExactly("name=systemd");
    }

    @Test
    void parsesTheUnifiedLineIncludingPathsAboveTheNamespaceRoot() {
        CgroupEntry unified = CgroupEntry.parse("0::/../../box:1");
        assertThat(unified.isUnified()).isTrue();
        assertThat(unified.path()).isEqualTo("/../../box:1");
    }
}
