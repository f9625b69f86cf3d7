package io.glassbox.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.KernelException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsNumbersLimitsKeyedLinesAndWords() {
        Path number = CgroupFixture.write(dir.resolve("memory.current"), "4096\n");
        Path max = CgroupFixture.write(dir.resolve("pids.max"), "max\n");
        Path keyed = CgroupFixture.write(dir.resolve("cpu.stat"), "usage_usec 12\nnr_periods 3\n");
        Path words = CgroupFixture.write(dir.resolve("cgroup.controllers"), "cpu io memory\n");

        assertThat(CgroupFiles.readLong(number)).isEqualTo(4096);
        assertThat(CgroupFiles.readLimit(max)).isEqualTo(OptionalLong.empty());
        assertThat(CgroupFiles.readLimit(number)).isEqualTo(OptionalLong.of(4096));
        assertThat(CgroupFiles.readKeyed(keyed)).containsExactly(Map.entry("usage_usec", 12L),
                Map.entry("nr_periods", 3L));
        assertThat(CgroupFiles.readKeyed(keyed, "nr_throttled")).isZero();
        assertThat(CgroupFiles.readKeyed(dir.resolve("absent"), "x")).isZero();
        assertThat(CgroupFiles.readLongOrZero(dir.resolve("absent"))).isZero();
        assertThat(CgroupFiles.readWords(words)).containsExactly("cpu", "io", "memory");
        assertThat(CgroupFiles.readWords(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void aReadFailureNamesTheFileAndErrno() {
        assertThatThrownBy(() -> CgroupFiles.readLong(dir.resolve("memory.current")))
                .isInstanceOf(KernelException.class)
                .hasMessageStartingWith("read " + dir.resolve("memory.current") + ": ENOENT (no such cgroup file");
    }

    @Test
    void garbageIsAParseError() {
        Path file = CgroupFixture.write(dir.resolve("pids.current"), "lots\n");

        assertThatThrownBy(() -> CgroupFiles.readLong(file)).isInstanceOf(KernelException.class)
                .hasMessageContaining("'lots'").hasMessageContaining("not a number");
    }

    @Test
    void writeReplacesTheValueButNeverCreatesAFile() {
        Path file = CgroupFixture.write(dir.resolve("pids.max"), "max\n");

        CgroupFiles.write(file, "16");

        assertThat(CgroupFixture.read(file)).isEqualTo("16");
        assertThatThrownBy(() -> CgroupFiles.write(dir.resolve("memory.max"), "64"))
                .isInstanceOf(KernelException.class)
                .hasMessageStartingWith("write " + dir.resolve("memory.max") + "=64: ENOENT");
        assertThat(Files.exists(dir.resolve("memory.max"))).isFalse();
    }

    @Test
    void theCallersHintForAnErrnoWinsOverTheDefault() {
        var busy = new FileSystemException("x", null, "Device or resource busy");

        KernelException e = CgroupFiles.failure("write", "x/cgroup.subtree_control=+memory", busy,
                Map.of("EBUSY", "no internal processes"));

        assertThat(e.errno()).isEqualTo("EBUSY");
        assertThat(e).hasMessage("write x/cgroup.subtree_control=+memory: EBUSY (no internal processes)");
    }
}
