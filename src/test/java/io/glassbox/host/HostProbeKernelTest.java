package io.glassbox.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.ProcFs;
import io.glassbox.testing.KernelTests;
import io.glassbox.testing.Leftovers;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The probe on this machine, which can do everything lab hosts need. */
@Tag("kernel")
class HostProbeKernelTest {

    @Test
    void findsEveryFeatureOnThisMachineAndLeavesNothingBehind() throws IOException {
        KernelTests.assumeRoot();
        HostReport report = new HostProbe(KernelTests.COMMANDS, ProcFs.system()).probe();

        assertThat(report.probes()).allSatisfy(probe -> assertThat(probe.ok()).as(probe.name() + ": " + probe.detail()).isTrue());
        assertThat(report.missingTools()).isEmpty();
        assertThat(report.blockers()).isEmpty();
        assertThat(report.supportsUserNamespaceIsolation()).isTrue();
        assertThat(report.kernelRelease()).matches("\\d+\\.\\d+.*");
        assertThat(report.format()).contains("overlayfs in a user namespace  yes").contains("tools");
        assertThat(Leftovers.cgroups("glassbox-probe")).isEmpty();
        assertThat(Leftovers.machineLinks("glassbox")).isEmpty();
    }
}
