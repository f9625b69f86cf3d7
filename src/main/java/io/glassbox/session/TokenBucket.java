package io.glassbox.session;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: up to {@code burst} starts at once, then one more every {@code interval}. A full bucket holds
 * {@code burst} tokens; each start takes one; tokens come back one per interval, never above {@code burst}.
 * Time is passed in, never read here, so tests drive it with a fake clock. Not thread-safe: {@link Admission}
 * holds its lock around every call.
 */
final class TokenBucket {

    private final int burst;
    private final long intervalNanos;
    /** Tokens, in nanoseconds of refill time: one token is {@code intervalNanos}; full is burst of them. */
    private long credit;
    private Instant updated;

    TokenBucket(int burst, Duration interval, Instant now) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a rate needs a burst of at least 1 and a positive interval");
        }
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.credit = capacity();
        this.updated = now;
    }

    /** Takes one token if there is one: answers {@link Duration#ZERO}; else how long until one is there. */
    Duration tryTake(Instant now) {
        refill(now);
        if (credit >= intervalNanos) {
            credit -= intervalNanos;
            return Duration.ZERO;
        }
        return Duration.ofNanos(intervalNanos - credit);
    }

    /** Gives back a token taken for a start that did not happen (refused further on, or nothing was created). */
    void refund(Instant now) {
        refill(now);
        credit = Math.min(capacity(), credit + intervalNanos);
    }

    /** Whether the bucket is full: forgetting it then changes nothing for its client. */
    boolean isFull(Instant now) {
        refill(now);
        return credit >= capacity();
    }

    /** Whole tokens left now. */
    int tokens(Instant now) {
        refill(now);
        return (int) (credit / intervalNanos);
    }

    private void refill(Instant now) {
        if (now.isAfter(updated)) {
            long elapsed = Duration.between(updated, now).toNanos();
            // Saturating: a bucket untouched for years must not overflow.
            credit = elapsed >= capacity() - credit ? capacity() : credit + elapsed;
            updated = now;
        }
    }

    private long capacity() {
        return Math.multiplyExact((long) burst, intervalNanos);
    }
}
