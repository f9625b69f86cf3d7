package io.glassbox.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session ids name their node on a multi-node install (docs/scaling.md), and stay as they were on one server. */
class SessionIdsTest {

    @Test
    void aSingleServersIdsAreRandomHexAsBefore() {
        String id = SessionIds.single().next();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(SessionIds.nodeOf(id)).isEmpty();
        assertThat(SessionIds.of(Optional.empty()).node()).isEmpty();
    }

    @Test
    void aNodesIdsEndInItsNameWhichTheBalancerReadsBack() {
        SessionIds ids = SessionIds.forNode("glassbox-12");
        String id = ids.next();
        assertThat(id).matches("[0-9a-f]{32}-glassbox-12");
        assertThat(SessionIds.nodeOf(id)).contains("glassbox-12");
        assertThat(ids.node()).contains("glassbox-12");
        // What the lab host id rules (Sandbox, LabStateStore) accept, and its hostname (the first 6) stays random.
        assertThat(id).matches("[a-z0-9][a-z0-9-]{5,63}");
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            prefixes.add(ids.next().substring(0, 6));
        }
        assertThat(prefixes).hasSizeGreaterThan(45);
    }

    @Test
    void nodeNamesThatCouldBreakPathsOrRoutingAreRefusedWithTheRule() {
        for (String bad : new String[] {"", "Glassbox-0", "glassbox_0", "-glassbox", "glassbox-", "a/b", "a.b",
                "n".repeat(32)}) {
            assertThatThrownBy(() -> SessionIds.forNode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("glassbox.node.id is '" + bad + "'").hasMessageContaining("1-31 lowercase");
        }
        assertThat(SessionIds.forNode("n".repeat(31)).next()).hasSize(64);
    }

    @Test
    void idsThatNameNoNodeAreNotMistakenForOnes() {
        assertThat(SessionIds.nodeOf(null)).isEmpty();
        assertThat(SessionIds.nodeOf("abc")).isEmpty();
        assertThat(SessionIds.nodeOf("0".repeat(32) + "-")).isEmpty();
        assertThat(SessionIds.nodeOf("0".repeat(32) + "_node")).isEmpty();
        assertThat(SessionIds.nodeOf("0".repeat(32) + "-Node")).isEmpty();
    }
}
