package io.glassbox.workshop.nodes;

import java.util.function.Consumer;

/**
 * How the Glassbox nodes of one installation tell each other what happened in a workshop (docs/scaling.md):
 * a dashboard is connected to one node, a broadcast or "end" answered by one node, but learners' lab hosts run on
 * all of them. A node acts on what it is told as it acts on its own requests, without telling again.
 *
 * <p>Delivery is best effort, like the dashboards it feeds: what a node missed while it could not hear (its
 * database connection broke) it learns from the database at the next page load.
 */
public interface NodeBus extends AutoCloseable {

    /** One node alone (the embedded H2 database): there is nobody to tell. */
    NodeBus ALONE = new NodeBus() {
        @Override
        public void tell(NodeEvent event) {
        }

        @Override
        public void listen(Consumer<NodeEvent> handler) {
        }

        @Override
        public void close() {
        }
    };

    /** Tells every other node of {@code event}, soon and without waiting for them; never this node. */
    void tell(NodeEvent event);

    /** Hands every event another node tells to {@code handler} (one handler; later calls replace it). */
    void listen(Consumer<NodeEvent> handler);

    @Override
    void close();
}
