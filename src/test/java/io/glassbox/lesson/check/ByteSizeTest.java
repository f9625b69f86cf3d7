package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void suffixesArePowersOf1024() {
        assertThat(ByteSize.parse("64M")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("512k")).isEqualTo(512L << 10);
        assertThat(ByteSize.parse("1G")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse(" 4096 ")).isEqualTo(4096);
        assertThat(ByteSize.parse("0")).isZero();
    }

    @Test
    void anythingElseIsRefusedWithTheText() {
        assertThatThrownBy(() -> ByteSize.parse("64MB"))
                .hasMessage("not a size: '64MB' (write e.g. 64M, 512K, 1G or bytes)");
        assertThatThrownBy(() -> ByteSize.parse("-1")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteSize.parse(null)).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteSize.parse("99999999999G")).hasMessageContaining("too large");
    }

    @Test
    void formatsExactlyInTheLargestUnitThatDivides() {
        assertThat(ByteSize.format(64L << 20)).isEqualTo("64 MiB");
        assertThat(ByteSize.format(1536L << 10)).isEqualTo("1536 KiB");
        assertThat(ByteSize.format(2L << 30)).isEqualTo("2 GiB");
        assertThat(ByteSize.format(98305)).isEqualTo("98305 bytes");
        assertThat(ByteSize.format(1)).isEqualTo("1 byte");
        assertThat(ByteSize.format(0)).isEqualTo("0 bytes");
    }
}
