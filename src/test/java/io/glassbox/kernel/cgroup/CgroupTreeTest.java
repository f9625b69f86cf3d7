package io.glassbox.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupTreeTest {

    @TempDir
    Path dir;

    @Test
    void processesAreCollectedFromEveryCgroupBelow() {
        CgroupFixture.write(dir.resolve("lab/cgroup.procs"), "10\n11\n");
        CgroupFixture.write(dir.resolve("lab/box1/cgroup.procs"), "12\n");
        CgroupFixture.write(dir.resolve("lab/box1/inner/cgroup.procs"), "13\n10\n");
        CgroupFixture.mkdirs(dir.resolve("lab/empty"));

        assertThat(CgroupTree.processes(dir.resolve("lab"))).containsExactly(10L, 11L, 12L, 13L);
        assertThat(CgroupTree.processes(dir.resolve("gone"))).isEmpty();
    }

    @Test
    void directoriesListsParentsFirstAndNeverFollowsLinks() throws Exception {
        CgroupFixture.write(dir.resolve("outside/keep/cgroup.procs"), "1\n");
        CgroupFixture.write(dir.resolve("lab/cgroup.procs"), "");
        CgroupFixture.write(dir.resolve("lab/box1/inner/cgroup.procs"), "");
        Files.createSymbolicLink(dir.resolve("lab/box1/escape"), dir.resolve("outside"));

        assertThat(CgroupTree.directories(dir.resolve("lab"))).containsExactly(dir.resolve("lab"),
                dir.resolve("lab/box1"), dir.resolve("lab/box1/inner"));
        assertThat(CgroupTree.directories(dir.resolve("lab/cgroup.procs"))).isEmpty();

        // A learner may name a cgroup with a dot, as cgroupfs names its files: found after the dotless names.
        CgroupFixture.write(dir.resolve("lab/box1/tasks"), "");
        CgroupFixture.mkdirs(dir.resolve("lab/box1/web.slice"));
        assertThat(CgroupTree.directories(dir.resolve("lab"))).containsExactlyInAnyOrder(dir.resolve("lab"),
                dir.resolve("lab/box1"), dir.resolve("lab/box1/inner"), dir.resolve("lab/box1/web.slice"));
        assertThat(CgroupTree.directories(dir.resolve("gone"))).isEmpty();
    }

    @Test
    void removeTreeOnAFixtureDeletesFilesAndDirectoriesButNeverFollowsLinks() throws Exception {
        Path outside = CgroupFixture.write(dir.resolve("outside/keep/cgroup.procs"), "1\n");
        CgroupFixture.write(dir.resolve("lab/cgroup.procs"), "");
        CgroupFixture.write(dir.resolve("lab/box1/cgroup.procs"), "");
        Files.createSymbolicLink(dir.resolve("lab/box1/escape"), dir.resolve("outside"));

        CgroupTree.removeTree(dir.resolve("lab"));

        assertThat(dir.resolve("lab")).doesNotExist();
        assertThat(outside).exists();
        assertThat(CgroupTree.isCgroupFs(dir.resolve("outside/keep"))).isFalse();
        CgroupTree.removeTree(dir.resolve("lab")); // a missing tree is fine
    }

    @Test
    void mkdirIsIdempotentAndChownDoesNotFollowLinks() throws Exception {
        CgroupTree.mkdir(dir.resolve("lab"));
        CgroupTree.mkdir(dir.resolve("lab"));
        Path target = CgroupFixture.write(dir.resolve("target"), "");
        Path link = Files.createSymbolicLink(dir.resolve("lab/link"), target);
        int[] ids = CgroupFixture.delegateIds(target);
        int before = CgroupFixture.uidOf(target);

        CgroupTree.chownTree(dir.resolve("lab"), ids[0], ids[1]);

        assertThat(CgroupFixture.uidOf(dir.resolve("lab"))).isEqualTo(ids[0]);
        assertThat(CgroupFixture.uidOf(link)).isEqualTo(ids[0]);
        assertThat(CgroupFixture.uidOf(target)).isEqualTo(before);
    }
}
