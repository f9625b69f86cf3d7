package io.glassbox.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who may start a session now, decided before {@link SessionRegistry} spends a lab host on it (issue 12: one
 * client took every slot). Three limits, each per client, where a client is a workshop learner (by learner id,
 * so a whole class behind one NAT is 30 clients) or an anonymous caller (by address):
 * <ul>
 * <li>a token bucket of starts per client: {@code burst} at once, then one per {@code interval};</li>
 * <li>a cap on the sessions one address holds at once (a learner holds one anyway: LearnerSessions);</li>
 * <li>anonymous sessions together hold at most {@code anonymousMax} of the server's {@code glassbox.sessions.max}
 * lab hosts, so free sandboxes can never take the slots a workshop needs; learners may use every slot.</li>
 * </ul>
 * The registry still decides the total. A start admitted here gets a {@link Ticket}: bound to the session it
 * created, or cancelled (token back, counts down) when nothing was created.
 */
public final class Admission {

    /** Forget full buckets of idle clients once this many are kept, so rotating addresses cannot grow memory. */
    private static final int PRUNE_AT = 4096;

    /** {@code burst} starts at once, then one more every {@code interval}. */
    public record Rate(int burst, Duration interval) {
    }

    /**
     * @param anonymousMax anonymous sessions at once, all clients together (0: no free sessions)
     * @param perAddressMax sessions one anonymous address holds at once
     */
    public record Settings(int anonymousMax, int perAddressMax, Rate perAddress, Rate perLearner) {

        public Settings {
            if (anonymousMax < 0 || perAddressMax < 1) {
                throw new IllegalArgumentException("glassbox.admission.anonymous-max must be 0 or more and"
                        + " glassbox.admission.per-address-max at least 1, got " + anonymousMax + " and "
                        + perAddressMax);
            }
        }
    }

    /** Who asks for a session. */
    public sealed interface Client permits Learner, Anonymous {
    }

    /** A workshop learner, by learner id (never by address: a class shares one). */
    public record Learner(String id) implements Client {
    }

    /** An anonymous caller, by the address key the web layer derived (an IPv4 address, an IPv6 /64). */
    public record Anonymous(String address) implements Client {
    }

    private final Settings settings;
    private final SessionSettings sessions;
    private final Clock clock;
    private final Map<Client, TokenBucket> buckets = new HashMap<>();
    /** Live anonymous sessions: id -> address, and when each would end by itself if left alone. */
    private final Map<String, String> addressOf = new HashMap<>();
    private final Map<String, Supplier<Instant>> endsBy = new HashMap<>();
    private final Map<String, Integer> heldBy = new HashMap<>();
    private int anonymousHeld;
    private int pruneAt = PRUNE_AT;

    public Admission(Settings settings, SessionSettings sessions, Clock clock) {
        this.settings = settings;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /** Anonymous sessions running now (ending ones no longer count). */
    public synchronized int anonymousHeld() {
        return anonymousHeld;
    }

    /** Whether an anonymous start could find a free-sandbox slot now (limits of one client aside). */
    public synchronized boolean anonymousAvailable() {
        return anonymousHeld < settings.anonymousMax();
    }

    /**
     * Admits one session start for {@code client}, or refuses it with an {@link AdmissionException} naming the
     * limit. Limits that waiting cannot lift are checked before a token is taken, so they cost the client none.
     */
    public synchronized Ticket admit(Client client) {
        Instant now = clock.instant();
        if (client instanceof Anonymous anonymous) {
            refuseAnonymous(anonymous, now);
        }
        prune(now);
        Rate rate = client instanceof Learner ? settings.perLearner() : settings.perAddress();
        TokenBucket bucket = buckets.computeIfAbsent(client, c -> new TokenBucket(rate.burst(), rate.interval(), now));
        Duration wait = bucket.tryTake(now);
        if (!wait.isZero()) {
            throw new AdmissionException(AdmissionException.Limit.RATE, wait, (client instanceof Learner
                    ? "You started lab hosts too often" : "Too many sessions were started from your address")
                    + ": the limit is " + rate.burst() + " at once, then one every " + seconds(rate.interval())
                    + ". Try again in " + seconds(wait) + ".");
        }
        if (client instanceof Anonymous anonymous) {
            anonymousHeld++;
            heldBy.merge(anonymous.address(), 1, Integer::sum);
        }
        return new Ticket(client);
    }

    private void refuseAnonymous(Anonymous client, Instant now) {
        if (settings.anonymousMax() == 0) {
            throw new AdmissionException(AdmissionException.Limit.ANONYMOUS_OFF, null, "This server gives no free"
                    + " sessions; its lab hosts are kept for workshops. Join a workshop with the link or code your"
                    + " instructor shared.");
        }
        int held = heldBy.getOrDefault(client.address(), 0);
        if (held >= settings.perAddressMax()) {
            throw new AdmissionException(AdmissionException.Limit.CONCURRENT, untilOneEnds(client.address(), now),
                    "Your address already has " + held + " sessions running, the most one address may hold at once."
                            + " End one first (End session, or DELETE /api/sessions/{id}); a session left alone ends"
                            + " by itself after " + seconds(sessions.idleTimeout()) + " without use.");
        }
        if (anonymousHeld >= settings.anonymousMax()) {
            int kept = sessions.max() - settings.anonymousMax();
            throw new AdmissionException(AdmissionException.Limit.ANONYMOUS_SHARE, Duration.ofSeconds(10), "All "
                    + settings.anonymousMax() + " lab hosts for free sessions are in use"
                    + (kept > 0 ? " (the other " + kept + " are kept for workshops)" : "")
                    + ". Try again in a few minutes, or join a workshop if you are in one.");
        }
    }

    /** The earliest moment one of the address's sessions ends by itself (idle or too old), if left alone. */
    private Duration untilOneEnds(String address, Instant now) {
        Instant earliest = now.plus(sessions.maxLifetime());
        for (Map.Entry<String, String> held : addressOf.entrySet()) {
            if (held.getValue().equals(address)) {
                Instant end = endsBy.get(held.getKey()).get();
                earliest = end.isBefore(earliest) ? end : earliest;
            }
        }
        return earliest.isAfter(now) ? Duration.between(now, earliest) : Duration.ofSeconds(1);
    }

    /** Called with every session as it starts ending: an anonymous one no longer counts. */
    public synchronized void ended(String sessionId) {
        endsBy.remove(sessionId);
        String address = addressOf.remove(sessionId);
        if (address != null) {
            release(address);
        }
    }

    private void release(String address) {
        anonymousHeld--;
        heldBy.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }

    /** Forgets clients whose buckets are full again; the next sweep waits until the map doubled (amortised O(1)). */
    private void prune(Instant now) {
        if (buckets.size() >= pruneAt) {
            buckets.entrySet().removeIf(e -> e.getValue().isFull(now));
            pruneAt = Math.max(PRUNE_AT, 2 * buckets.size());
        }
    }

    /** Clients whose buckets are kept (for tests). */
    synchronized int clientsKept() {
        return buckets.size();
    }

    /** When a session ends by itself if nobody uses it: idle timeout or maximum lifetime, whichever comes first. */
    public Instant endsByItself(Session session) {
        Instant idle = session.lastActive().plus(sessions.idleTimeout());
        Instant old = session.created().plus(sessions.maxLifetime());
        return idle.isBefore(old) ? idle : old;
    }

    private static String seconds(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        return seconds >= 120 ? (seconds + 59) / 60 + " min" : seconds + " s";
    }

    /** One admitted start: {@link #bind} it to the session created, or {@link #cancel} it if none was. */
    public final class Ticket {

        private final Client client;
        private boolean settled;

        private Ticket(Client client) {
            this.client = client;
        }

        /** The start created {@code session}: an anonymous one now counts until it ends. */
        public void bind(Session session) {
            bind(session.id(), () -> endsByItself(session));
            if (session.state() != SessionState.RUNNING) {
                ended(session.id()); // it started ending before it was bound: its end listener found nothing
            }
        }

        /** As {@link #bind(Session)}, with when the session would end by itself (for tests). */
        public void bind(String sessionId, Supplier<Instant> endsByItself) {
            synchronized (Admission.this) {
                if (settled) {
                    return;
                }
                settled = true;
                if (client instanceof Anonymous anonymous) {
                    addressOf.put(sessionId, anonymous.address());
                    endsBy.put(sessionId, endsByItself);
                }
            }
        }

        /** Nothing was created (refused further on, failed, or a running lab host was taken over): undo. */
        public void cancel() {
            synchronized (Admission.this) {
                if (settled) {
                    return;
                }
                settled = true;
                TokenBucket bucket = buckets.get(client);
                if (bucket != null) {
                    bucket.refund(clock.instant());
                }
                if (client instanceof Anonymous anonymous) {
                    release(anonymous.address());
                }
            }
        }
    }
}
