package io.glassbox.kernel.cgroup.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupLayout;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.Delegation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV1DriverTest {

    private static final long PID = 4242;

    @TempDir
    Path root;

    private Path cg(String sub) {
        return root.resolve("sys/fs/cgroup").resolve(sub);
    }

    private CgroupV1Driver hybrid(String procCgroup) {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.HYBRID, "/sys/fs/cgroup/unified", "");
        return new CgroupV1Driver(layout, CgroupFixture.proc(root, PID, procCgroup));
    }

    private CgroupNode labOnThisMachine(CgroupV1Driver driver) {
        return driver.cgroupOf(PID).child("lab");
    }

    @Test
    void cgroupOfReadsOneLinePerHierarchy() {
        CgroupNode node = hybrid(CgroupFixture.HYBRID_PROC_CGROUP).cgroupOf(PID);

        assertThat(node.directories()).containsOnlyKeys(Controller.values());
        assertThat(node.directory(Controller.MEMORY))
                .isEqualTo(cg("memory/process_api/384d36de41d63fe460af0b0ea151a999"));
        assertThat(node.directory(Controller.PIDS)).isEqualTo(cg("pids"));
        assertThat(node.directory(Controller.CPU)).isEqualTo(cg("cpu"));
        assertThat(node.directory(Controller.CPUACCT)).isEqualTo(cg("cpuacct"));
        assertThat(node.directory(Controller.FREEZER)).isEqualTo(cg("freezer"));
    }

    @Test
    void coMountedControllersShareTheirLine() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.LEGACY);
        CgroupV1Driver driver = new CgroupV1Driver(layout, CgroupFixture.proc(root, PID,
                "5:freezer:/\n4:pids:/user.slice\n3:memory:/user.slice\n2:cpu,cpuacct:/user.slice\n"
                        + "1:name=systemd:/\n"));

        CgroupNode node = driver.cgroupOf(PID);

        assertThat(node.directory(Controller.CPU)).isEqualTo(cg("cpu,cpuacct/user.slice"));
        assertThat(node.directory(Controller.CPUACCT)).isEqualTo(cg("cpu,cpuacct/user.slice"));
        assertThat(node.distinctDirectories()).hasSize(4);
        assertThat(driver.labMounts(node.child("lab"))).containsOnlyKeys("cpu,cpuacct", "freezer", "memory", "pids");
    }

    @Test
    void aCgroupAboveTheNamespaceRootFailsClearly() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP.replace("4:memory:/process_api/",
                "4:memory:/../process_api/"));

        assertThatThrownBy(() -> driver.cgroupOf(PID)).isInstanceOf(KernelException.class)
                .hasMessageContaining("resolve cgroup path=/../process_api/")
                .hasMessageContaining("escapes the mount");
    }

    @Test
    void anExitedProcessIsReported() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP);

        assertThatThrownBy(() -> driver.cgroupOf(PID + 1)).isInstanceOf(KernelException.class)
                .hasMessageContaining("ENOENT (the process has exited)");
    }

    @Test
    void createMakesOneDirectoryPerHierarchyAndCanBeRepeated() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP);
        CgroupNode lab = labOnThisMachine(driver);
        CgroupFixture.mkdirs(cg("memory/process_api/384d36de41d63fe460af0b0ea151a999"));

        driver.create(lab);
        driver.create(lab);

        assertThat(lab.distinctDirectories()).hasSize(5).allSatisfy(dir -> assertThat(dir).isDirectory());
        assertThat(cg("pids/lab")).isDirectory();
    }

    @Test
    void createRefusesDirectoriesOutsideTheCgroupMounts() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP);
        CgroupNode onTheTmpfs = new CgroupNode(java.util.Map.of(Controller.MEMORY, cg("lab")));

        assertThatThrownBy(() -> driver.create(onTheTmpfs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not below a cgroup mount point");
        assertThat(cg("lab")).doesNotExist();
        assertThatThrownBy(() -> driver.removeTree(driver.cgroupOf(PID)))
                .isInstanceOf(IllegalArgumentException.class); // pids is at its hierarchy's root
    }

    @Test
    void delegateChownsEveryDirectoryRecursively() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP);
        CgroupFixture.mkdirs(cg("memory/process_api/384d36de41d63fe460af0b0ea151a999"));
        CgroupNode lab = labOnThisMachine(driver);
        driver.create(lab);
        CgroupFixture.populateV1(lab);
        CgroupFixture.populateV1(lab.child("box1"));
        int[] ids = CgroupFixture.delegateIds(lab.directory(Controller.MEMORY).resolve("cgroup.procs"));
        int parentOwner = CgroupFixture.uidOf(cg("memory/process_api"));

        Delegation delegation = driver.delegate(lab, ids[0], ids[1]);
        driver.settle(delegation); // v1 has no nsdelegate: the lab starts where it stays, nothing to move

        assertThat(delegation.delegated()).isEqualTo(lab);
        assertThat(delegation.processes()).isEqualTo(lab);
        assertThat(delegation.namespaceRoot()).isEqualTo(lab);
        for (Path dir : lab.distinctDirectories()) {
            assertThat(CgroupFixture.uidOf(dir)).isEqualTo(ids[0]);
            assertThat(CgroupFixture.uidOf(dir.resolve("cgroup.procs"))).isEqualTo(ids[0]);
            assertThat(CgroupFixture.uidOf(dir.resolve("box1/tasks"))).isEqualTo(ids[0]);
        }
        assertThat(CgroupFixture.uidOf(cg("memory/process_api"))).isEqualTo(parentOwner); // the caps stay root's
    }

    @Test
    void labMountsAreNamedAfterTheHierarchyMounts() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP);
        CgroupNode lab = labOnThisMachine(driver);

        assertThat(driver.labMounts(lab)).containsOnlyKeys("cpu", "cpuacct", "freezer", "memory", "pids")
                .containsEntry("memory", lab.directory(Controller.MEMORY))
                .containsEntry("cpuacct", cg("cpuacct/lab"));
    }

    @Test
    void procsFilesAndProcessesCoverEveryHierarchyAndDescendant() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP);
        CgroupNode lab = labOnThisMachine(driver);
        CgroupFixture.populateV1(lab);
        CgroupFixture.write(lab.directory(Controller.MEMORY).resolve("cgroup.procs"), "100\n101\n");
        CgroupFixture.write(lab.directory(Controller.PIDS).resolve("cgroup.procs"), "100\n");
        CgroupFixture.write(lab.child("box1").directory(Controller.PIDS).resolve("cgroup.procs"), "102\n");

        assertThat(driver.procsFiles(lab)).hasSize(5)
                .allSatisfy(f -> assertThat(f.getFileName()).hasToString("cgroup.procs"));
        assertThat(driver.processes(lab)).containsExactly(100L, 101L, 102L);
        assertThat(driver.processes(lab.child("gone"))).isEmpty();
    }

    @Test
    void removeTreeRemovesChildrenFirstAndToleratesAMissingNode() {
        CgroupV1Driver driver = hybrid(CgroupFixture.HYBRID_PROC_CGROUP);
        CgroupNode lab = labOnThisMachine(driver);
        CgroupFixture.populateV1(lab);
        CgroupFixture.populateV1(lab.child("box1").child("inner"));

        driver.removeTree(lab);
        driver.removeTree(lab);

        assertThat(lab.distinctDirectories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertThat(Files.isDirectory(cg("memory/process_api/384d36de41d63fe460af0b0ea151a999"))).isTrue();
    }
}
