package io.glassbox.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdMappingTest {

    @Test
    void parsesAndWritesMapLines() {
        IdMapping mapping = IdMapping.parse("         0 1000000000      65536");
        assertThat(mapping).isEqualTo(new IdMapping(0, 1_000_000_000L, 65536));
        assertThat(mapping.toMapLine()).isEqualTo("0 1000000000 65536");
        assertThat(mapping.isIdentity()).isFalse();
        assertThat(IdMapping.parse("0 0 4294967295").isIdentity()).isTrue();
    }
}
