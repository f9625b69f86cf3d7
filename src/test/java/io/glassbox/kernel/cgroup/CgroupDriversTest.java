package io.glassbox.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.v1.CgroupV1Driver;
import io.glassbox.kernel.cgroup.v2.CgroupV2Driver;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupDriversTest {

    @TempDir
    Path root;

    private ProcFs proc() {
        return new ProcFs(root.resolve("proc"));
    }

    @Test
    void thisMachinesHybridLayoutGetsTheV1Driver() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.HYBRID, "/sys/fs/cgroup/unified", "hugetlb");

        CgroupDriver driver = CgroupDrivers.detect(layout, proc());

        assertThat(driver).isInstanceOf(CgroupV1Driver.class);
        assertThat(driver.version()).isEqualTo(CgroupVersion.V1);
        assertThat(driver.controllers()).containsExactly(Controller.values());
    }

    @Test
    void aUnifiedTreeWithMemoryAndPidsGetsTheV2Driver() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.UNIFIED, "/sys/fs/cgroup", "memory pids io");

        CgroupDriver driver = CgroupDrivers.detect(layout, proc());

        assertThat(driver).isInstanceOf(CgroupV2Driver.class);
        // no cpu in cgroup.controllers; accounting and freezing are core files
        assertThat(driver.controllers()).containsExactly(Controller.MEMORY, Controller.PIDS, Controller.CPUACCT,
                Controller.FREEZER);
    }

    @Test
    void aHybridMachineWhoseUnifiedTreeHasTheControllersGetsTheV2Driver() {
        CgroupLayout layout = CgroupFixture.layout(root, """
                32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu
                41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw
                """, "/sys/fs/cgroup/unified", "memory pids\n");

        assertThat(CgroupDrivers.detect(layout, proc()).version()).isEqualTo(CgroupVersion.V2);
    }

    @Test
    void withoutMemoryAndPidsNeitherDriverApplies() {
        CgroupLayout layout = CgroupFixture.layout(root, """
                32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu
                33 31 0:30 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw
                """);

        assertThatThrownBy(() -> CgroupDrivers.detect(layout, proc())).isInstanceOf(KernelException.class)
                .hasMessageStartingWith("detect cgroup layout cgroup v1 (hybrid): cpu at ")
                .hasMessageContaining("ENOTSUP")
                .hasMessageContaining("no v1 hierarchy has pids and the cgroup2 tree lacks memory, pids");
    }
}
