package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.host.HostReport;
import io.glassbox.host.ProbeResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsolationChoiceTest {

    private static HostReport report(boolean userns, boolean overlay, boolean cgroups) {
        return new HostReport("6.1.0", new ProbeResult("cgroups", cgroups, "v1"), ProbeResult.ok("lab host namespaces", ""),
                new ProbeResult("user namespaces", userns, "user.max_user_namespaces=0"),
                new ProbeResult("overlayfs in a user namespace", overlay, "mount: permission denied"),
                ProbeResult.ok("veth and bridge", ""), ProbeResult.ok("iptables NAT", ""),
                ProbeResult.ok("static busybox", ""), Map.of("unshare", "/usr/bin/unshare"));
    }

    @Test
    void autoPrefersUserNamespaces() {
        assertThat(IsolationChoice.choose(report(true, true, true), "auto").mode()).isEqualTo(IsolationMode.USERNS);
        assertThat(IsolationChoice.choose(report(true, true, true), null).mode()).isEqualTo(IsolationMode.USERNS);
    }

    @Test
    void autoFallsBackToPrivilegedAndSaysWhy() {
        IsolationChoice choice = IsolationChoice.choose(report(true, false, true), "AUTO");
        assertThat(choice.mode()).isEqualTo(IsolationMode.PRIVILEGED);
        assertThat(choice.reason()).contains("overlayfs cannot be used inside a user namespace").contains("ONE learner");
    }

    @Test
    void askingForUsernsWhereItCannotWorkIsAnErrorNotADowngrade() {
        assertThatThrownBy(() -> IsolationChoice.choose(report(false, false, true), "userns"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user namespaces do not work here")
                .hasMessageContaining("glassbox.sandbox.isolation=privileged");
    }

    @Test
    void privilegedIsAlwaysPossibleOnAMachineThatCanRunLabHosts() {
        assertThat(IsolationChoice.choose(report(true, true, true), "privileged").mode())
                .isEqualTo(IsolationMode.PRIVILEGED);
    }

    @Test
    void aMachineWithoutCgroupsOrToolsCannotRunLabHosts() {
        assertThatThrownBy(() -> IsolationChoice.choose(report(true, true, false), "auto"))
                .hasMessageContaining("cannot run lab hosts").hasMessageContaining("cgroups");
        HostReport missingTini = new HostReport("6.1.0", ProbeResult.ok("cgroups", ""), ProbeResult.ok("n", ""),
                ProbeResult.ok("u", ""),
                ProbeResult.ok("o", ""), ProbeResult.ok("v", ""), ProbeResult.ok("i", ""), ProbeResult.ok("b", ""),
                Map.of("tini", ""));
        assertThatThrownBy(() -> IsolationChoice.choose(missingTini, "auto")).hasMessageContaining("missing tools: tini")
                .hasMessageContaining("apt-get install");
    }

    @Test
    void unknownWishesAreRejected() {
        assertThatThrownBy(() -> IsolationChoice.choose(report(true, true, true), "vm"))
                .hasMessageContaining("must be auto, userns or privileged");
    }

    @Test
    void theProbeTriesTheNamespacesLabHostsAreMadeWith() {
        assertThat(io.glassbox.host.HostProbe.LAB_NAMESPACES).isEqualTo(LabCommands.UNSHARE_OPTIONS);
    }
}
