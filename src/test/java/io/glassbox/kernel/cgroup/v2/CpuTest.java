package io.glassbox.kernel.cgroup.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CpuQuota;
import io.glassbox.kernel.cgroup.CpuStats;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTest {

    @TempDir
    Path dir;

    private final Cpu cpu = new Cpu();
    private CgroupNode node;

    @BeforeEach
    void setUp() {
        CgroupFixture.populateV2(dir, "memory pids cpu");
        node = CgroupNode.unified(dir);
    }

    @Test
    void maxMeansUnlimited() {
        assertThat(cpu.readQuota(node)).isEqualTo(new CpuQuota(OptionalLong.empty(), 100_000));
    }

    @Test
    void quotaAndPeriodShareOneFile() {
        cpu.writeQuota(node, CpuQuota.ofCpus(0.5));
        assertThat(CgroupFixture.read(dir.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(cpu.readQuota(node).cpus()).isEqualTo(0.5);

        cpu.writeQuota(node, CpuQuota.unlimited());
        assertThat(CgroupFixture.read(dir.resolve("cpu.max"))).isEqualTo("max 100000");
    }

    @Test
    void statsAreAlreadyInMicroseconds() {
        CgroupFixture.write(dir.resolve("cpu.stat"), "usage_usec 9000\nuser_usec 6000\nsystem_usec 3000\n"
                + "nr_periods 20\nnr_throttled 4\nthrottled_usec 120000\nnr_bursts 0\nburst_usec 0\n");

        assertThat(cpu.readStats(node)).isEqualTo(new CpuStats(9000, 20, 4, 120_000));
    }

    @Test
    void withoutTheCpuControllerOnlyUsageIsKept() {
        CgroupFixture.write(dir.resolve("cpu.stat"), "usage_usec 9000\nuser_usec 6000\nsystem_usec 3000\n");

        assertThat(cpu.readStats(node)).isEqualTo(new CpuStats(9000, 0, 0, 0));
    }

    @Test
    void aMalformedCpuMaxIsAParseError() {
        CgroupFixture.write(dir.resolve("cpu.max"), "50000\n");

        assertThatThrownBy(() -> cpu.readQuota(node)).isInstanceOf(KernelException.class)
                .hasMessageContaining("cpu.max: '50000'");
    }
}
