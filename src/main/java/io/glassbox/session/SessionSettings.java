package io.glassbox.session;

import java.time.Duration;

/**
 * Limits on sessions.
 *
 * @param max how many sessions may run at once; more are refused with a clear message
 * @param idleTimeout a session nobody used for this long is ended
 * @param maxLifetime no session lives longer than this, used or not
 * @param warm lab hosts kept started ahead of demand (within {@code max}), so a new session starts at once
 */
public record SessionSettings(int max, Duration idleTimeout, Duration maxLifetime, int warm) {

    public SessionSettings {
        if (warm < 0) {
            throw new IllegalArgumentException("glassbox.sessions.warm cannot be negative, got " + warm);
        }
        if (max < 1) {
            throw new IllegalArgumentException("glassbox.sessions.max must be at least 1, got " + max);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive");
        }
    }
}
