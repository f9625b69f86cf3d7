package io.glassbox.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelFilesTest {

    @Test
    void readsWholeIntegerSysctlsWhereFilesReadStringGetsOneDigit() throws IOException {
        Path sysctl = Path.of("/proc/sys/kernel/pid_max");
        String expected = new CommandRunner().run(List.of("cat", sysctl.toString())).stdout();
        assertThat(expected.strip()).hasSizeGreaterThan(1);
        assertThat(KernelFiles.read(sysctl)).isEqualTo(expected);
    }
}
