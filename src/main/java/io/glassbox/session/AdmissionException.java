package io.glassbox.session;

import java.time.Duration;

/**
 * A session start refused by {@link Admission}: which limit was hit, and when asking again makes sense. The
 * message says both in plain words; {@link #retryAfter()} becomes the Retry-After header.
 */
public final class AdmissionException extends RuntimeException {

    /** Which limit refused the start; each maps to one HTTP status (docs/session-api.md). */
    public enum Limit {
        /** The client started too many sessions in a short time (its token bucket is empty): 429. */
        RATE("rate-limited", 429),
        /** The client holds as many sessions at once as one client may: 429. */
        CONCURRENT("too-many-sessions", 429),
        /** Free (anonymous) sessions hold their whole share of the server; the rest is kept for workshops: 503. */
        ANONYMOUS_SHARE("free-sandboxes-full", 503),
        /** This server gives no free sessions at all (glassbox.admission.anonymous-max=0): 403. */
        ANONYMOUS_OFF("free-sandboxes-off", 403);

        private final String code;
        private final int status;

        Limit(String code, int status) {
            this.code = code;
            this.status = status;
        }

        /** The stable machine-readable code of the JSON error. */
        public String code() {
            return code;
        }

        public int status() {
            return status;
        }
    }

    private final Limit limit;
    private final Duration retryAfter;

    AdmissionException(Limit limit, Duration retryAfter, String message) {
        super(message);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public Limit limit() {
        return limit;
    }

    /** When asking again may succeed; null when waiting alone does not help (free sessions are off). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for a Retry-After header: rounded up, at least 1. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
