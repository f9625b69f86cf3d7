package io.glassbox.workshop.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeEventTest {

    @Test
    void anEventReadsBackFromItsOneLineForm() {
        NodeEvent learner = NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_RESET, "w-1f2e", "0b9c4d");
        NodeEvent workshop = NodeEvent.aboutWorkshop(NodeEvent.Kind.ENDED, "w-1f2e");
        assertThat(learner.encode()).isEqualTo("LEARNER_RESET w-1f2e 0b9c4d");
        assertThat(NodeEvent.decode(learner.encode())).contains(learner);
        assertThat(NodeEvent.decode(workshop.encode())).contains(workshop);
    }

    @Test
    void whatIsNoEventIsIgnoredNotFatal() {
        // A newer node's kind, a stranger's message on the channel, a cut-off line: a node skips them.
        assertThat(NodeEvent.decode("TELEPORTED w-1 l-1")).isEmpty();
        assertThat(NodeEvent.decode("hello")).isEmpty();
        assertThat(NodeEvent.decode("ENDED  ")).isEmpty();
        assertThat(NodeEvent.decode("ENDED w-1 l-1 extra")).isEmpty();
        assertThat(NodeEvent.decode(null)).isEmpty();
    }

    @Test
    void idsThatWouldBreakTheLineAreRefused() {
        assertThatThrownBy(() -> NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_CHANGED, "w 1", "l"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeEvent.aboutWorkshop(NodeEvent.Kind.ENDED, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
