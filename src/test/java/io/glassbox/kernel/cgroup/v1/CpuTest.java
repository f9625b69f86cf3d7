package io.glassbox.kernel.cgroup.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.CpuQuota;
import io.glassbox.kernel.cgroup.CpuStats;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTest {

    @TempDir
    Path root;

    private final Cpu cpu = new Cpu();
    private CgroupNode node;

    @BeforeEach
    void setUp() {
        node = V1Fixture.lab(root);
    }

    private Path file(Controller controller, String name) {
        return V1Fixture.file(node, controller, name);
    }

    @Test
    void minusOneMeansUnlimited() {
        CpuQuota quota = cpu.readQuota(node);

        assertThat(quota.quotaMicros()).isEmpty();
        assertThat(quota.periodMicros()).isEqualTo(100_000);
        assertThat(quota.cpus()).isInfinite();
    }

    @Test
    void aQuotaIsWrittenToBothFiles() {
        cpu.writeQuota(node, new CpuQuota(OptionalLong.of(25_000), 50_000));

        assertThat(CgroupFixture.read(file(Controller.CPU, "cpu.cfs_quota_us"))).isEqualTo("25000");
        assertThat(CgroupFixture.read(file(Controller.CPU, "cpu.cfs_period_us"))).isEqualTo("50000");
        assertThat(cpu.readQuota(node).cpus()).isEqualTo(0.5);

        cpu.writeQuota(node, CpuQuota.unlimited());
        assertThat(CgroupFixture.read(file(Controller.CPU, "cpu.cfs_quota_us"))).isEqualTo("-1");
    }

    @Test
    void nanosecondCountersBecomeMicroseconds() {
        CgroupFixture.write(file(Controller.CPU, "cpu.stat"),
                "nr_periods 40\nnr_throttled 12\nthrottled_time 3500000000\nnr_bursts 0\nburst_time 0\n");
        CgroupFixture.write(file(Controller.CPUACCT, "cpuacct.usage"), "163465561906\n");

        assertThat(cpu.readStats(node)).isEqualTo(new CpuStats(163_465_561, 40, 12, 3_500_000));
    }

    @Test
    void withoutACpuacctHierarchyUsageIsZero() {
        CgroupNode cpuOnly = new CgroupNode(Map.of(Controller.CPU, node.directory(Controller.CPU)));

        assertThat(cpu.readStats(cpuOnly).usageMicros()).isZero();
    }
}
