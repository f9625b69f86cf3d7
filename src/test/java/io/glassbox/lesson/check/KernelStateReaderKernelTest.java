package io.glassbox.lesson.check;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static io.glassbox.testing.KernelTests.PROC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.SandboxExtension;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live panel's view of a lab host and of a container built inside it. */
@Tag("kernel")
class KernelStateReaderKernelTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.USERNS, 1_200_000_000L);

    @RegisterExtension
    final CheckLab lab = new CheckLab(SANDBOX);
    final KernelStateReader reader = new KernelStateReader(PROC, SANDBOX.sandbox().cgroups(), COMMANDS);

    @Test
    void theLabHostSharesEverythingWithItself() {
        KernelState state = reader.read(lab.host, lab.host.initPid(), TargetResolver.label(io.glassbox.lesson.model.Target.LAB_HOST));
        assertThat(state.namespaces()).hasSizeGreaterThanOrEqualTo(7).allMatch(KernelState.Namespace::shared);
        assertThat(state.hostname()).isEqualTo(lab.host.hostname());
        assertThat(state.pidInNamespace()).isEqualTo(1);
        assertThat(state.root()).isEqualTo(new KernelState.RootFilesystem("tmpfs", "glassbox-lab", "/", null, "/"));
        assertThat(state.memory().cgroup()).isEqualTo("the lab host's own cgroup");
        assertThat(state.memory().usageBytes()).isPositive();
        assertThat(state.interfaces()).extracting(KernelState.Interface::name).containsExactly("lo", "eth0");
        assertThat(state.interfaces().get(1).addresses()).contains(lab.host.uplink().labAddress() + "/30");
        assertThat(state.interfaces().get(1).up()).isTrue();
    }

    @Test
    void aContainerInAnOverlayWithAMemoryLimit() throws Exception {
        boolean v1 = SANDBOX.sandbox().cgroups().version() == CgroupVersion.V1;
        String cgroup = v1 ? "/sys/fs/cgroup/memory/box2" : "/sys/fs/cgroup/box2";
        String limit = v1 ? "memory.limit_in_bytes" : "memory.max";
        String prepare = (v1 ? "" : "echo +memory > /sys/fs/cgroup/cgroup.subtree_control && ") + "mkdir " + cgroup
                + " && echo 48M > " + cgroup + "/" + limit;
        assertThat(lab.run(prepare).exitCode()).isZero();
        assertThat(lab.run("mkdir -p /tmp/c/upper /tmp/c/work /tmp/c/rootfs").exitCode()).isZero();
        lab.start("sh -c 'echo $$ > " + cgroup + "/cgroup.procs; exec unshare --uts --net --mount --pid --fork"
                + " sh -c \"mount -t overlay overlay -o lowerdir=/images/web/layers/update:/images/web/layers/site"
                + ":/images/web/layers/base,upperdir=/tmp/c/upper,workdir=/tmp/c/work /tmp/c/rootfs"
                + " && cd /tmp/c/rootfs && mkdir -p oldroot && pivot_root . oldroot && mount -t proc proc /proc"
                + " && umount -l /oldroot && hostname box2 && exec sleep 1070\"'");
        ResolvedTarget container = lab.await("sleep 1070");
        long started = System.nanoTime();
        KernelState state = reader.read(lab.host, container.pid(), container.label());
        System.out.println("read the kernel state in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + state);
        Map<String, Boolean> shared = state.namespaces().stream()
                .collect(Collectors.toMap(KernelState.Namespace::type, KernelState.Namespace::shared));
        assertThat(shared).containsEntry("uts", false).containsEntry("net", false).containsEntry("mnt", false)
                .containsEntry("pid", false).containsEntry("user", true).containsEntry("ipc", true);
        assertThat(state.hostname()).isEqualTo("box2");
        assertThat(state.pidInNamespace()).isEqualTo(1);
        assertThat(state.root().fsType()).isEqualTo("overlay");
        assertThat(state.root().lowerLayers()).isEqualTo(3);
        assertThat(state.memory().limitBytes()).isEqualTo(48L << 20);
        assertThat(state.memory().cgroup()).isEqualTo("the cgroup " + cgroup);
        assertThat(state.interfaces()).extracting(KernelState.Interface::name).containsExactly("lo");
        assertThat(state.interfaces().get(0).up()).isFalse();

        lab.kill(container);
        assertThatThrownBy(() -> reader.read(lab.host, container.pid(), container.label()))
                .isInstanceOf(TargetNotFoundException.class).hasMessage(container.name() + " has exited");
    }
}
