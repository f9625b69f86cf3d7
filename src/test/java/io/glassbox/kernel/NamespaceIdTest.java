package io.glassbox.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamespaceIdTest {

    @Test
    void parsesTheLinkTextOfEveryType() {
        for (NamespaceType type : NamespaceType.values()) {
            NamespaceId id = NamespaceId.parse(type.procName() + ":[4026531838]");
            assertThat(id.type()).isEqualTo(type);
            assertThat(id.inode()).isEqualTo(4026531838L);
            assertThat(id).hasToString(type.procName() + ":[4026531838]");
        }
    }

    @Test
    void typesAcceptProcDisplayAndEnumNames() {
        assertThat(NamespaceType.parse("mnt")).contains(NamespaceType.MNT);
        assertThat(NamespaceType.parse("mount")).contains(NamespaceType.MNT);
        assertThat(NamespaceType.parse("Network")).contains(NamespaceType.NET);
        assertThat(NamespaceType.parse("UTS")).contains(NamespaceType.UTS);
        assertThat(NamespaceType.parse("box")).isEmpty();
    }

    @Test
    void rejectsOtherLinks() {
        assertThatThrownBy(() -> NamespaceId.parse("/dev/pts/0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamespaceId.parse("disk:[1]")).isInstanceOf(IllegalArgumentException.class);
    }
}
