package io.glassbox.kernel.cgroup.v2;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupV2DriverTest {

    private static final long PID = 4242;

    @TempDir
    Path root;

    private CgroupV2Driver driver;
    private Path service;

    @BeforeEach
    void setUp() {
        CgroupLayout layout = CgroupFixture.layout(root, CgroupFixture.UNIFIED, "/sys/fs/cgroup", "cpu io memory pids");
        driver = new CgroupV2Driver(layout, CgroupFixture.proc(root, PID, "0::/system.slice/glassbox.service\n"));
        service = cg("system.slice/glassbox.service");
        CgroupFixture.populateV2(service, "cpu io memory pids");
    }

    private Path cg(String sub) {
        return root.resolve("sys/fs/cgroup").resolve(sub);
    }

    @Test
    void cgroupOfReadsTheUnifiedLine() {
        CgroupNode node = driver.cgroupOf(PID);

        assertThat(node.distinctDirectories()).containsExactly(service);
        assertThat(node.directory(Controller.FREEZER)).isEqualTo(service);
    }

    @Test
    void aCgroupAboveTheNamespaceRootFailsClearly() {
        CgroupV2Driver inNamespace = new CgroupV2Driver(driver.layout(),
                CgroupFixture.proc(root, PID, "0::/../other\n"));

        assertThatThrownBy(() -> inNamespace.cgroupOf(PID)).isInstanceOf(KernelException.class)
                .hasMessageContaining("path=/../other").hasMessageContaining("escapes the mount");
    }

    @Test
    void theServerMovesItselfIntoALeafSoItsCgroupCanHaveChildren() throws Exception {
        Files.writeString(service.resolve("cgroup.procs"), PID + "\n");
        CgroupFixture.populateV2(service.resolve("glassbox-server"), "cpu io memory pids"); // What mkdir makes.

        CgroupNode home = driver.home(PID);

        assertThat(home.distinctDirectories()).containsExactly(service);
        assertThat(Files.readString(service.resolve("glassbox-server/cgroup.procs"))).isEqualTo(Long.toString(PID));
    }

    @Test
    void aServerAlreadyInItsLeafKeepsTheSameHome() {
        CgroupV2Driver moved = new CgroupV2Driver(driver.layout(),
                CgroupFixture.proc(root, PID, "0::/system.slice/glassbox.service/glassbox-server\n"));
        CgroupFixture.populateV2(service.resolve("glassbox-server"), "cpu io memory pids");

        assertThat(moved.home(PID).distinctDirectories()).containsExactly(service);
    }

    @Test
    void aServerSharingItsCgroupWithOtherProcessesIsToldWhatToDo() throws Exception {
        Files.writeString(service.resolve("cgroup.procs"), PID + "\n1234\n");

        assertThatThrownBy(() -> driver.home(PID)).isInstanceOf(KernelException.class)
                .hasMessageContaining("processes [1234] share the server's cgroup")
                .hasMessageContaining("Delegate=yes").hasMessageContaining("systemd-run --scope -p Delegate=yes");
    }

    @Test
    void aServerInTheRootCgroupIsToldWhatToDoInsteadOfRefusedAsAPath() {
        CgroupV2Driver atRoot = new CgroupV2Driver(driver.layout(), CgroupFixture.proc(root, PID, "0::/\n"));

        assertThatThrownBy(() -> atRoot.home(PID)).isInstanceOf(KernelException.class)
                .hasMessageContaining("the server runs in the root cgroup")
                .hasMessageContaining("Delegate=yes").hasMessageContaining("systemd-run --scope");
    }

    @Test
    void descendantsAreCappedByTheKernelAndCounted() throws Exception {
        Files.writeString(service.resolve("cgroup.max.descendants"), "max\n");
        CgroupNode node = driver.cgroupOf(PID);

        driver.limitDescendants(node, 258);
        Files.createDirectories(service.resolve("a/b"));

        assertThat(Files.readString(service.resolve("cgroup.max.descendants"))).isEqualTo("258");
        assertThat(driver.descendants(node)).isEqualTo(2);
    }

    @Test
    void createEnablesTheControllersInTheParentFirst() {
        CgroupNode lab = driver.cgroupOf(PID).child("lab");

        driver.create(lab);

        assertThat(lab.directory(Controller.MEMORY)).isDirectory();
        assertThat(CgroupFixture.read(service.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
    }

    @Test
    void createWritesOnlyWhatIsMissingAndAvailable() {
        CgroupFixture.write(service.resolve("cgroup.controllers"), "io memory pids\n");
        CgroupFixture.write(service.resolve("cgroup.subtree_control"), "memory\n");

        driver.create(driver.cgroupOf(PID).child("lab"));
        assertThat(CgroupFixture.read(service.resolve("cgroup.subtree_control"))).isEqualTo("+pids");

        CgroupFixture.write(service.resolve("cgroup.subtree_control"), "memory pids\n");
        driver.create(driver.cgroupOf(PID).child("lab2"));
        assertThat(CgroupFixture.read(service.resolve("cgroup.subtree_control"))).isEqualTo("memory pids\n");
    }

    @Test
    void delegateOwnsTheNodeAndItsInitLeaf() {
        CgroupNode lab = driver.cgroupOf(PID).child("lab");
        driver.create(lab);
        Path dir = lab.directory(Controller.MEMORY);
        CgroupFixture.populateV2(dir, "cpu memory pids");
        int[] ids = CgroupFixture.delegateIds(dir.resolve("cgroup.procs"));
        int rootOwner = CgroupFixture.uidOf(dir.resolve("memory.max"));

        Delegation delegation = driver.delegate(lab, ids[0], ids[1]);

        assertThat(delegation.delegated()).isEqualTo(lab);
        assertThat(delegation.processes()).isEqualTo(lab.child("init"));
        assertThat(dir.resolve("init")).isDirectory();
        for (String owned : new String[] {"", "cgroup.procs", "cgroup.subtree_control", "cgroup.threads", "init"}) {
            assertThat(CgroupFixture.uidOf(dir.resolve(owned))).as(owned).isEqualTo(ids[0]);
        }
        // the limits on the delegated node stay with whoever set them (man 7 cgroups)
        assertThat(CgroupFixture.uidOf(dir.resolve("memory.max"))).isEqualTo(rootOwner);
        assertThat(driver.procsFiles(delegation.processes())).containsExactly(dir.resolve("init/cgroup.procs"));
    }

    @Test
    void theLabStartsInTheNodeWhichThereforeEnablesNoControllersYet() {
        CgroupNode lab = delegatedLab();
        Path dir = lab.directory(Controller.MEMORY);

        Delegation delegation = driver.delegate(lab, 100000, 100000);

        // nsdelegate: the cgroup namespace must be rooted at the node, or the learner cannot use box1 beside init
        assertThat(delegation.namespaceRoot()).isEqualTo(lab);
        assertThat(driver.procsFiles(delegation.namespaceRoot())).containsExactly(dir.resolve("cgroup.procs"));
        // a cgroup with controllers in cgroup.subtree_control would refuse the launcher (no internal processes)
        assertThat(CgroupFixture.read(dir.resolve("cgroup.subtree_control"))).isEqualTo("\n");
    }

    @Test
    void settleOnAnEmptyNodeEnablesControllersAndHandsInitsNewFilesToTheDelegate() {
        CgroupNode lab = delegatedLab();
        Path dir = lab.directory(Controller.MEMORY);
        int[] ids = CgroupFixture.delegateIds(dir.resolve("cgroup.procs"));
        Delegation delegation = driver.delegate(lab, ids[0], ids[1]);
        int rootOwner = CgroupFixture.uidOf(dir.resolve("memory.max"));
        // what the kernel creates in init when the node enables memory: a file owned by the writer (the server)
        CgroupFixture.write(dir.resolve("init/memory.max"), "max\n");

        driver.settle(delegation);

        assertThat(CgroupFixture.read(dir.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu");
        assertThat(CgroupFixture.uidOf(dir.resolve("init/memory.max"))).isEqualTo(ids[0]);
        assertThat(CgroupFixture.uidOf(dir.resolve("memory.max"))).as("the node's own limits").isEqualTo(rootOwner);
    }

    @Test
    void settleMovesEveryProcessOfTheNodeIntoInit() {
        CgroupNode lab = delegatedLab();
        Path dir = lab.directory(Controller.MEMORY);
        Delegation delegation = driver.delegate(lab, 100000, 100000);
        // the outer unshare and the lab's init; a fixture file, unlike cgroupfs, keeps them after the move
        CgroupFixture.write(dir.resolve("cgroup.procs"), "300\n301\n");

        assertThatThrownBy(() -> driver.settle(delegation)).isInstanceOf(KernelException.class)
                .hasMessageContaining("EBUSY").hasMessageContaining("processes [300, 301] are still in " + dir);

        assertThat(CgroupFixture.read(dir.resolve("init/cgroup.procs"))).isEqualTo("301"); // the last of the moves
        assertThat(CgroupFixture.read(dir.resolve("cgroup.subtree_control"))).as("never with processes inside")
                .isEqualTo("\n");
    }

    /** The node as the kernel would create it below the server's cgroup, before delegation. */
    private CgroupNode delegatedLab() {
        CgroupNode lab = driver.cgroupOf(PID).child("lab");
        driver.create(lab);
        CgroupFixture.populateV2(lab.directory(Controller.MEMORY), "cpu memory pids");
        CgroupFixture.populateV2(lab.directory(Controller.MEMORY).resolve("init"), "");
        return lab;
    }

    @Test
    void theDelegatedNodeIsTheSandboxsWholeCgroupTree() {
        CgroupNode lab = driver.cgroupOf(PID).child("lab");

        assertThat(driver.labMounts(lab)).isEqualTo(Map.of("", cg("system.slice/glassbox.service/lab")));
    }

    @Test
    void processesAndRemoveTreeCoverEveryDescendant() {
        CgroupNode lab = driver.cgroupOf(PID).child("lab");
        Path dir = lab.directory(Controller.MEMORY);
        CgroupFixture.populateV2(dir, "cpu memory pids");
        CgroupFixture.populateV2(dir.resolve("init"), "cpu memory pids");
        CgroupFixture.populateV2(dir.resolve("box1"), "cpu memory pids");
        CgroupFixture.write(dir.resolve("init/cgroup.procs"), "200\n");
        CgroupFixture.write(dir.resolve("box1/cgroup.procs"), "201\n202\n");

        assertThat(driver.processes(lab)).containsExactly(200L, 201L, 202L);

        driver.removeTree(lab);
        assertThat(dir).doesNotExist();
        assertThat(service).isDirectory();
    }
}
