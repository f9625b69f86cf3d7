package io.glassbox.workshop;

import io.glassbox.workshop.nodes.NodeBus;
import io.glassbox.workshop.nodes.NodeEvent;
import io.glassbox.workshop.store.LearnerStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The live dashboards' feed: who watches which workshop, and a learner's new row pushed to them whenever
 * something about that learner changed. Changes are coalesced on one thread, so a burst of events about one
 * learner (a check that also passes a stage) costs one row query and one message, and no caller waits for
 * the database or a slow dashboard. Dashboards connected to other nodes hear of a change through the
 * {@link NodeBus}: each node pushes the row to its own dashboards.
 */
public final class WorkshopFeed {

    private static final Logger LOG = Logger.getLogger(WorkshopFeed.class);

    /** A message to a dashboard: one learner's new row. */
    public record LearnerUpdate(String type, LearnerRow learner) {
    }

    private final LearnerStore learners;
    private final ExecutorService publisher;
    private final NodeBus nodes;
    private final Map<String, List<Consumer<Object>>> watchers = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private Roster roster;

    public WorkshopFeed(LearnerStore learners, ExecutorService publisher, NodeBus nodes) {
        this.learners = learners;
        this.publisher = publisher;
        this.nodes = nodes;
    }

    void roster(Roster roster) {
        this.roster = roster;
    }

    /** Sends {@code watcher} every message about {@code workshopId} until the returned handle runs. */
    public Runnable watch(String workshopId, Consumer<Object> watcher) {
        watchers.computeIfAbsent(workshopId, id -> new CopyOnWriteArrayList<>()).add(watcher);
        return () -> watchers.getOrDefault(workshopId, List.of()).remove(watcher);
    }

    /** Sends {@code message} to every dashboard of the workshop now. */
    public void publish(String workshopId, Object message) {
        for (Consumer<Object> watcher : watchers.getOrDefault(workshopId, List.of())) {
            try {
                watcher.accept(message);
            } catch (RuntimeException e) {
                LOG.debugf(e, "a dashboard of workshop %s could not be sent to", workshopId);
            }
        }
    }

    /** Something about {@code learnerId} changed: their row is pushed shortly, here and by the other nodes. */
    public void learnerChanged(String workshopId, String learnerId) {
        nodes.tell(NodeEvent.aboutLearner(NodeEvent.Kind.LEARNER_CHANGED, workshopId, learnerId));
        pushLearner(workshopId, learnerId);
    }

    /** Pushes {@code learnerId}'s row to this node's dashboards of the workshop shortly, if any watch. */
    void pushLearner(String workshopId, String learnerId) {
        if (watchers.getOrDefault(workshopId, List.of()).isEmpty() || !pending.add(learnerId)) {
            return;
        }
        publisher.execute(() -> {
            pending.remove(learnerId);
            try {
                learners.byId(learnerId).ifPresent(learner -> publish(workshopId, new LearnerUpdate("learner", roster.row(learner))));
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not push learner %s's row to the dashboards", learnerId);
            }
        });
    }
}
