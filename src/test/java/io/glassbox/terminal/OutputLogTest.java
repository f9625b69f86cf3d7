package io.glassbox.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputLogTest {

    @Test
    void numbersEveryByteAndReadsFromAnyKeptOffset() {
        OutputLog log = new OutputLog(64 * 1024);
        append(log, "hello ");
        append(log, "world");
        assertThat(log.start()).isZero();
        assertThat(log.end()).isEqualTo(11);
        assertThat(new String(log.read(6, 100), StandardCharsets.US_ASCII)).isEqualTo("world");
        assertThat(log.read(11, 100)).isEmpty();
    }

    @Test
    void keepsOnlyTheNewestBytesOnceFullAcrossGrowthAndWrapping() {
        int capacity = 64 * 1024;
        OutputLog log = new OutputLog(capacity);
        byte[] all = new byte[300_000];
        new Random(7).nextBytes(all);
        int written = 0;
        Random sizes = new Random(11);
        while (written < all.length) {
            int n = Math.min(all.length - written, 1 + sizes.nextInt(20_000));
            log.append(all, written, n);
            written += n;
            long start = log.start();
            assertThat(log.end()).isEqualTo(written);
            assertThat(log.end() - start).isEqualTo(Math.min(written, capacity));
            byte[] kept = log.read(start, capacity);
            for (int i = 0; i < kept.length; i++) {
                assertThat(kept[i]).isEqualTo(all[(int) start + i]);
            }
        }
    }

    @Test
    void aSingleAppendLargerThanTheCapacityKeepsItsTail() {
        OutputLog log = new OutputLog(1024);
        byte[] big = new byte[5000];
        big[4999] = 42;
        log.append(big, 0, big.length);
        assertThat(log.start()).isEqualTo(5000 - 1024);
        assertThat(log.read(4999, 1)).containsExactly(42);
    }

    @Test
    void refusesOffsetsNoLongerOrNotYetKept() {
        OutputLog log = new OutputLog(1024);
        log.append(new byte[3000], 0, 3000);
        assertThatThrownBy(() -> log.read(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.read(3001, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void append(OutputLog log, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        log.append(bytes, 0, bytes.length);
    }
}
