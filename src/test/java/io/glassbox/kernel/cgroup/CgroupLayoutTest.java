package io.glassbox.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupLayout.V1Hierarchy;
import io.glassbox.kernel.mount.MountTable;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLayoutTest {

    @TempDir
    Path root;

    private Path cg(String sub) {
        return root.resolve("sys/fs/cgroup").resolve(sub);
    }

    @Test
    void hybridAsOnThisMachine() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.HYBRID, "/sys/fs/cgroup/unified", "");

        assertThat(layout.kind()).isEqualTo(CgroupLayoutKind.HYBRID);
        assertThat(layout.v1Hierarchies()).hasSize(9);
        assertThat(layout.v1MountOf("memory")).contains(cg("memory"));
        assertThat(layout.v1MountOf("cpu")).contains(cg("cpu"));
        assertThat(layout.v1MountOf("cpuacct")).contains(cg("cpuacct"));
        assertThat(layout.v1MountOf("hugetlb")).isEmpty();
        assertThat(layout.v1Hierarchies()).filteredOn(h -> h.mountPoint().equals(cg("systemd")))
                .singleElement().extracting(V1Hierarchy::controllers).isEqualTo(Set.of());
        assertThat(layout.unifiedMountPoint()).contains(cg("unified"));
        assertThat(layout.unifiedControllers()).isEmpty();
    }

    @Test
    void describeNamesEveryHierarchyOnOneLine() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.HYBRID, "/sys/fs/cgroup/unified", "");
        String base = root.resolve("sys/fs/cgroup").toString();

        assertThat(layout.describe().replace(base, "/sys/fs/cgroup")).isEqualTo("cgroup v1 (hybrid): "
                + "cpu at /sys/fs/cgroup/cpu, cpuacct at /sys/fs/cgroup/cpuacct, cpuset at /sys/fs/cgroup/cpuset, "
                + "memory at /sys/fs/cgroup/memory, devices at /sys/fs/cgroup/devices, "
                + "freezer at /sys/fs/cgroup/freezer, blkio at /sys/fs/cgroup/blkio, pids at /sys/fs/cgroup/pids, "
                + "named hierarchy at /sys/fs/cgroup/systemd; cgroup2 at /sys/fs/cgroup/unified with no controllers");
    }

    @Test
    void hybridWithSomeControllersInTheUnifiedTree() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.HYBRID, "/sys/fs/cgroup/unified", "hugetlb\n");

        assertThat(layout.kind()).isEqualTo(CgroupLayoutKind.HYBRID);
        assertThat(layout.unifiedControllers()).containsExactly("hugetlb");
        assertThat(layout.describe()).endsWith("/sys/fs/cgroup/unified with controllers hugetlb");
    }

    @Test
    void legacyWithCoMountedCpuAndCpuacct() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.LEGACY);

        assertThat(layout.kind()).isEqualTo(CgroupLayoutKind.LEGACY);
        assertThat(layout.v1MountOf("cpu")).contains(cg("cpu,cpuacct"));
        assertThat(layout.v1MountOf("cpuacct")).contains(cg("cpu,cpuacct"));
        assertThat(layout.v1HierarchyOf("cpu").orElseThrow().controllers()).containsExactlyInAnyOrder("cpu", "cpuacct");
        assertThat(layout.unifiedMountPoint()).isEmpty();
        assertThat(layout.describe()).startsWith("cgroup v1 (legacy): named hierarchy at ")
                .contains("cpu,cpuacct at " + cg("cpu,cpuacct")).doesNotContain("cgroup2");
    }

    @Test
    void unifiedReadsItsControllers() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.UNIFIED, "/sys/fs/cgroup",
                "cpuset cpu io memory hugetlb pids rdma misc\n");

        assertThat(layout.kind()).isEqualTo(CgroupLayoutKind.UNIFIED);
        assertThat(layout.v1Hierarchies()).isEmpty();
        assertThat(layout.unifiedMountPoint()).contains(root.resolve("sys/fs/cgroup"));
        assertThat(layout.unifiedControllers()).contains("memory", "pids", "cpu").doesNotContain("freezer");
        assertThat(layout.describe()).startsWith("cgroup v2 (unified): cgroup2 at ")
                .endsWith("with controllers cpu cpuset hugetlb io memory misc pids rdma");
    }

    @Test
    void noCgroupMountIsAnError() {
        MountTable mounts = MountTable.parse("31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n");

        assertThatThrownBy(() -> CgroupLayout.detect(mounts, root)).isInstanceOf(KernelException.class)
                .hasMessageContaining("no cgroup or cgroup2 filesystem is mounted");
    }

    @Test
    void aHiddenMountAndASecondMountOfOneHierarchyAreIgnored() {
        CgroupLayout layout = CgroupFixture.layout(root, """
                35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                50 31 0:32 /lab /srv/lab-memory rw - cgroup cgroup rw,memory
                60 31 0:40 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids
                61 31 0:41 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids
                """);

        assertThat(layout.v1Hierarchies()).extracting(V1Hierarchy::mountPoint)
                .containsExactly(cg("memory"), cg("pids"));
        assertThat(layout.v1MountOf("memory")).contains(cg("memory"));
    }

    @Test
    void cgroupPathsResolveBelowTheMount() {
        V1Hierarchy memory = new V1Hierarchy(cg("memory"), Set.of("memory"));
        CgroupLayout layout = new CgroupLayout(CgroupLayoutKind.LEGACY, java.util.List.of(memory), Optional.empty(),
                Set.of());

        assertThat(layout.v1Directory(memory, "/")).isEqualTo(cg("memory"));
        assertThat(layout.v1Directory(memory, "/a/b")).isEqualTo(cg("memory/a/b"));
        assertThat(layout.v1Directory(memory, "/a/./c/../b/")).isEqualTo(cg("memory/a/b"));
    }

    @Test
    void aPathAboveTheCgroupNamespaceRootEscapesTheMount() {
        V1Hierarchy memory = new V1Hierarchy(cg("memory"), Set.of("memory"));
        CgroupLayout layout = new CgroupLayout(CgroupLayoutKind.LEGACY, java.util.List.of(memory), Optional.empty(),
                Set.of());

        // Path.normalize() would make "/../sibling" into "/sibling", a different cgroup: it must fail instead.
        assertThatThrownBy(() -> layout.v1Directory(memory, "/../sibling")).isInstanceOf(KernelException.class)
                .hasMessageContaining("path=/../sibling").hasMessageContaining("escapes the mount");
        assertThatThrownBy(() -> layout.v1Directory(memory, "/a/../../b")).isInstanceOf(KernelException.class);
    }

    @Test
    void aMountOfASubCgroupResolvesRelativeToItsRoot() {
        // A bind mount of /lab/session (or a mount seen from a cgroup namespace rooted there).
        V1Hierarchy sub = new V1Hierarchy(cg("memory"), Set.of("memory"), "/lab/session");
        // A mount made in the host namespace, seen from inside a cgroup namespace rooted at /lab/session/ns.
        V1Hierarchy above = new V1Hierarchy(cg("pids"), Set.of("pids"), "/..");
        CgroupLayout layout = new CgroupLayout(CgroupLayoutKind.LEGACY, java.util.List.of(sub, above),
                Optional.empty(), Set.of());

        assertThat(layout.v1Directory(sub, "/lab/session")).isEqualTo(cg("memory"));
        assertThat(layout.v1Directory(sub, "/lab/session/box1")).isEqualTo(cg("memory/box1"));
        assertThat(layout.v1Directory(above, "/../ns/box1")).isEqualTo(cg("pids/ns/box1"));
        assertThatThrownBy(() -> layout.v1Directory(sub, "/lab/other")).isInstanceOf(KernelException.class)
                .hasMessageContaining("root=/lab/session");
    }

    @Test
    void unifiedPathsResolveAgainstTheCgroup2Mount() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.UNIFIED, "/sys/fs/cgroup", "memory pids");

        assertThat(layout.unifiedDirectory("/user.slice/lab")).isEqualTo(cg("user.slice/lab"));
        assertThatThrownBy(() -> layout.unifiedDirectory("/..")).isInstanceOf(KernelException.class);
    }

    @Test
    void onlyDirectoriesStrictlyBelowAMountMayBeChanged() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.HYBRID, "/sys/fs/cgroup/unified", "");

        assertThat(layout.requireBelowMount(cg("memory/lab"))).isEqualTo(cg("memory/lab"));
        assertThatThrownBy(() -> layout.requireBelowMount(cg("memory"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not below a cgroup mount point");
        assertThatThrownBy(() -> layout.requireBelowMount(cg("lab"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.requireBelowMount(cg("memory/../lab")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
