package io.glassbox.workshop.model;

import java.time.Instant;

/**
 * A learner's running lab host as every node sees it: which node runs it, its session, state and watch link, when
 * the learner last typed, and when its node last vouched for it ({@code seen}).
 */
public record LabHost(String learnerId, String sessionId, String node, String state, String watchUrl,
        Instant lastActive, Instant seen) {
}
