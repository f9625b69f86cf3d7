package io.glassbox.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProcFs on a fixture tree shaped like /proc. */
class ProcFsTest {

    @TempDir
    Path root;
    ProcFs proc;

    @BeforeEach
    void fixture() throws IOException {
        proc = new ProcFs(root);
        Path pid = Files.createDirectories(root.resolve("42"));
        Files.createDirectories(pid.resolve("ns"));
        Files.createSymbolicLink(pid.resolve("ns/uts"), Path.of("uts:[4026532179]"));
        Files.createSymbolicLink(pid.resolve("ns/mnt"), Path.of("mnt:[4026532178]"));
        Files.writeString(root.resolve("42/stat"), "42 (bash) S 1 42 42 34816 42 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0 0\n");
        Files.writeString(root.resolve("42/status"), "Name:\tbash\nNSpid:\t4290\t1\nCapEff:\t000001ffffffffff\n");
        Files.writeString(root.resolve("42/cgroup"), "4:memory:/a/b\n0::/\n");
        Files.writeString(root.resolve("42/cmdline"), "/bin/bash\0--login\0");
        Files.writeString(root.resolve("42/uid_map"), "         0 1000000000      65536\n");
        Files.createDirectories(root.resolve("42/task/42"));
        Files.createDirectories(root.resolve("42/task/43"));
        Files.writeString(root.resolve("42/task/42/children"), "50 51 ");
        Files.writeString(root.resolve("42/task/43/children"), "");
        Files.createDirectories(root.resolve("self"));
        Files.createDirectories(root.resolve("sys/kernel"));
        Files.writeString(root.resolve("sys/kernel/osrelease"), "6.1.0-18-amd64\n");
        Files.createDirectories(root.resolve("sys/user"));
        Files.writeString(root.resolve("sys/user/max_user_namespaces"), "96365\n");
        Files.writeString(root.resolve("meminfo"), "MemTotal:       24568412 kB\nMemFree:        20000000 kB\n"
                + "MemAvailable:   22014464 kB\nBuffers:           12345 kB\n");
    }

    @Test
    void readsAvailableMemoryInBytes() throws IOException {
        assertThat(proc.memAvailable()).isEqualTo(22014464L * 1024);
        Files.writeString(root.resolve("meminfo"), "MemTotal:       24568412 kB\n");
        assertThatThrownBy(proc::memAvailable).hasMessageContaining("no MemAvailable");
    }

    @Test
    void readsNamespacesPresentOnly() throws IOException {
        assertThat(proc.namespace(42, NamespaceType.UTS).inode()).isEqualTo(4026532179L);
        assertThat(proc.namespaces(42)).containsOnlyKeys(NamespaceType.UTS, NamespaceType.MNT);
    }

    @Test
    void readsStatStatusCgroupCmdlineAndMaps() throws IOException {
        assertThat(proc.stat(42).comm()).isEqualTo("bash");
        assertThat(proc.nsPids(42)).containsExactly(4290L, 1L);
        assertThat(proc.statusField(42, "CapEff")).contains("000001ffffffffff");
        assertThat(proc.cgroups(42)).hasSize(2);
        assertThat(proc.cmdline(42)).containsExactly("/bin/bash", "--login");
        assertThat(proc.uidMap(42)).containsExactly(new IdMapping(0, 1_000_000_000L, 65536));
    }

    @Test
    void listsChildrenOfEveryThreadAndOnlyNumericPids() throws IOException {
        assertThat(proc.children(42)).containsExactly(50L, 51L);
        assertThat(proc.pids()).containsExactly(42L);
    }

    @Test
    void readsKernelReleaseAndSysctls() throws IOException {
        assertThat(proc.kernelRelease()).isEqualTo("6.1.0-18-amd64");
        assertThat(proc.sysctl("user.max_user_namespaces")).contains("96365");
        assertThat(proc.sysctl("user.nothing")).isEmpty();
    }

    @Test
    void aVanishedProcessIsNoSuchFile() {
        assertThat(proc.exists(7)).isFalse();
        assertThatThrownBy(() -> proc.stat(7)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> proc.namespaces(7)).isInstanceOf(NoSuchFileException.class);
    }
}
