package io.glassbox.kernel.mount;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MountTableTest {

    private static final String LAB = """
            64 42 0:40 / / rw,nosuid,relatime - tmpfs glassbox-lab rw,size=262144k,mode=755,uid=1000000000
            65 64 254:0 /usr /usr ro,relatime - ext4 /dev/vda rw,discard
            66 64 0:41 / /dev rw,nosuid,relatime - tmpfs glassbox-dev rw,size=1024k,mode=755
            75 64 0:44 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
            80 64 0:50 / /tmp/c/rootfs rw,relatime shared:12 - overlay overlay rw,lowerdir=/images/web/layers/update:/images/web/layers/site:/images/web/layers/base,upperdir=/tmp/c/upper,workdir=/tmp/c/work
            81 80 0:51 / /tmp/c/rootfs/proc rw,relatime master:3 - proc proc rw
            82 64 0:52 /data /srv/my\\040volume rw,relatime shared:4 master:2 - ext4 /dev/vdb rw
            83 64 0:53 / /mnt rw,relatime unbindable - tmpfs none rw
            84 64 0:54 / /mnt rw,relatime - tmpfs second rw
            """;

    private final MountTable table = MountTable.parse(LAB);

    @Test
    void findsTheMountAtAPathTheLastOneWinning() {
        assertThat(table.root()).get().extracting(MountEntry::source).isEqualTo("glassbox-lab");
        assertThat(table.at("/mnt")).get().extracting(MountEntry::source).isEqualTo("second");
        assertThat(table.at("/usr/")).get().extracting(MountEntry::isReadOnly).isEqualTo(true);
        assertThat(table.isMountPoint("/etc")).isFalse();
    }

    @Test
    void findsTheMountContainingAPath() {
        assertThat(table.containing("/usr/bin/env")).get().extracting(MountEntry::mountPoint).isEqualTo("/usr");
        assertThat(table.containing("/usrx")).get().extracting(MountEntry::mountPoint).isEqualTo("/");
        assertThat(table.containing("/tmp/c/rootfs/proc/1")).get().extracting(MountEntry::fsType).isEqualTo("proc");
    }

    @Test
    void readsPropagationFromOptionalFields() {
        assertThat(table.at("/").orElseThrow().propagation()).isEqualTo(Propagation.PRIVATE);
        assertThat(table.at("/tmp/c/rootfs").orElseThrow().propagation()).isEqualTo(Propagation.SHARED);
        assertThat(table.at("/tmp/c/rootfs/proc").orElseThrow().propagation()).isEqualTo(Propagation.SLAVE);
        assertThat(table.entries().get(7).propagation()).isEqualTo(Propagation.UNBINDABLE);
    }

    @Test
    void unescapesOctalInPaths() {
        MountEntry volume = table.at("/srv/my volume").orElseThrow();
        assertThat(volume.root()).isEqualTo("/data");
        assertThat(volume.propagation()).isEqualTo(Propagation.SHARED);
    }

    @Test
    void readsOverlayLayersTopFirst() {
        OverlayLayers layers = table.at("/tmp/c/rootfs").orElseThrow().overlay().orElseThrow();
        assertThat(layers.lowerDirs()).containsExactly("/images/web/layers/update", "/images/web/layers/site",
                "/images/web/layers/base");
        assertThat(layers.upperDir()).contains("/tmp/c/upper");
        assertThat(layers.workDir()).contains("/tmp/c/work");
        assertThat(table.root().orElseThrow().overlay()).isEmpty();
        assertThat(table.ofType("proc")).hasSize(2);
    }
}
