package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.kernel.mount.MountTable;
import org.junit.jupiter.api.Test;

class NeighbourCountTest {

    /** A lab's mountinfo after {@code ip netns add box1} and {@code touch /tmp/n; unshare --net=/tmp/n true}. */
    static final String MOUNTINFO = """
            1046 1045 0:120 / / rw,relatime - overlay overlay rw,lowerdir=/a,upperdir=/b,workdir=/c
            1050 1046 0:5 / /run/netns rw,nosuid,nodev shared:600 - tmpfs tmpfs rw
            1051 1050 0:4 net:[4026533001] /run/netns/box1 rw shared:601 - nsfs nsfs rw
            1052 1046 0:4 net:[4026533002] /tmp/n rw - nsfs nsfs rw
            1053 1046 0:4 uts:[4026533003] /tmp/u rw - nsfs nsfs rw
            1054 1046 0:4 net:[4026533001] /tmp/again rw - nsfs nsfs rw
            """;

    @Test
    void networkNamespacesHeldByBindMountsAreFoundOnceEach() {
        assertThat(NeighbourCount.heldByMounts(MountTable.parse(MOUNTINFO)))
                .containsExactly(java.util.Map.entry(4026533001L, "/run/netns/box1"), java.util.Map.entry(4026533002L, "/tmp/n"));
    }
}
