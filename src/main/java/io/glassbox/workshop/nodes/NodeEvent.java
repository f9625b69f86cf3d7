package io.glassbox.workshop.nodes;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one Glassbox node tells the others about a workshop, so each acts on its own lab hosts and dashboards as
 * if it had been asked itself. Only ids travel: every node reads the rest (a learner's row, the announcement)
 * from the shared database, which the telling node has written before it tells.
 *
 * @param kind what happened
 * @param workshopId the workshop it happened in
 * @param learnerId the learner it is about, or "" for an event about the whole workshop
 */
public record NodeEvent(Kind kind, String workshopId, String learnerId) {

    /** What happened, and what a node that hears of it does. */
    public enum Kind {
        /** A learner's row changed (joined, checked, moved): push it to this node's dashboards. */
        LEARNER_CHANGED,
        /** Staff announced a message: push it to this node's learners and dashboards. */
        ANNOUNCED,
        /** The workshop ended: end this node's lab hosts of it. */
        ENDED,
        /** Staff reset a learner: end their lab host here, if it is here, so their page starts a fresh one. */
        LEARNER_RESET,
        /** Staff ended a learner's lab host: end it here, if it is here. */
        LEARNER_ENDED,
        /** The learner's rows are being deleted: delete their recordings on this node. */
        LEARNER_FORGOTTEN
    }

    /** Ids are hex, UUIDs or kebab-case: nothing that needs escaping in the one-line form. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{0,100}");

    public NodeEvent {
        if (kind == null || !ID.matcher(workshopId).matches() || workshopId.isEmpty() || !ID.matcher(learnerId).matches()) {
            throw new IllegalArgumentException("not a node event: " + kind + " " + workshopId + " " + learnerId);
        }
    }

    public static NodeEvent aboutWorkshop(Kind kind, String workshopId) {
        return new NodeEvent(kind, workshopId, "");
    }

    public static NodeEvent aboutLearner(Kind kind, String workshopId, String learnerId) {
        return new NodeEvent(kind, workshopId, learnerId);
    }

    /** The one-line form sent between nodes: {@code <kind> <workshop> <learner>}. */
    public String encode() {
        return kind.name() + " " + workshopId + " " + learnerId;
    }

    /** Reads {@link #encode()}'s form; empty for anything else (a newer node's kind, a stranger's message). */
    public static Optional<NodeEvent> decode(String line) {
        String[] parts = line == null ? new String[0] : line.split(" ", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodeEvent(Kind.valueOf(parts[0]), parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
