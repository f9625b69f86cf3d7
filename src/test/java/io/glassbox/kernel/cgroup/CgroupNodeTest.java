package io.glassbox.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CgroupNodeTest {

    private final CgroupNode v1 = new CgroupNode(Map.of(
            Controller.MEMORY, Path.of("/sys/fs/cgroup/memory/lab"),
            Controller.CPU, Path.of("/sys/fs/cgroup/cpu,cpuacct/lab"),
            Controller.CPUACCT, Path.of("/sys/fs/cgroup/cpu,cpuacct/lab")));

    @Test
    void childAppendsTheNameInEveryDirectory() {
        CgroupNode child = v1.child("box1");

        assertThat(child.directory(Controller.MEMORY)).isEqualTo(Path.of("/sys/fs/cgroup/memory/lab/box1"));
        assertThat(child.directory(Controller.CPUACCT)).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct/lab/box1"));
    }

    @Test
    void coMountedControllersShareOneDirectory() {
        assertThat(v1.distinctDirectories()).containsExactly(Path.of("/sys/fs/cgroup/memory/lab"),
                Path.of("/sys/fs/cgroup/cpu,cpuacct/lab"));
    }

    @Test
    void aUnifiedNodeHasOneDirectoryForEveryController() {
        CgroupNode node = CgroupNode.unified(Path.of("/sys/fs/cgroup/lab"));

        assertThat(node.directories()).containsOnlyKeys(Controller.values());
        assertThat(node.distinctDirectories()).containsExactly(Path.of("/sys/fs/cgroup/lab"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/abs", "a\0b"})
    void childRejectsAnythingButOnePathElement(String name) {
        assertThatThrownBy(() -> v1.child(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a cgroup name");
    }

    @Test
    void aMissingControllerIsNamed() {
        assertThatThrownBy(() -> v1.directory(Controller.PIDS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no directory for pids");
    }

    @Test
    void directoriesMustBeAbsolute() {
        assertThatThrownBy(() -> new CgroupNode(Map.of(Controller.PIDS, Path.of("lab"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CgroupNode(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
