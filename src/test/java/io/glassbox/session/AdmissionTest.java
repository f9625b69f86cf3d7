package io.glassbox.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Admission's limits on a fake clock (no sleeps) and fake session ids (no lab hosts). */
class AdmissionTest {

    private static final SessionSettings SESSIONS = new SessionSettings(16, Duration.ofMinutes(30), Duration.ofHours(4), 2);
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));
    private int ids;

    private Admission admission(int anonymousMax, int perAddressMax) {
        return new Admission(new Admission.Settings(anonymousMax, perAddressMax,
                new Admission.Rate(6, Duration.ofSeconds(10)), new Admission.Rate(10, Duration.ofSeconds(6))),
                SESSIONS, clock);
    }

    /** Admits a start for {@code client} and binds it to a new session id, which it answers. */
    private String start(Admission admission, Admission.Client client) {
        String id = "s" + ids++;
        Instant idleEnd = clock.instant().plus(SESSIONS.idleTimeout());
        admission.admit(client).bind(id, () -> idleEnd);
        return id;
    }

    private static AdmissionException refusal(Runnable start) {
        try {
            start.run();
        } catch (AdmissionException e) {
            return e;
        }
        throw new AssertionError("the start was admitted");
    }

    @Test
    void anAddressHoldsAtMostItsCapAndIsToldToEndOneFirst() {
        Admission admission = admission(8, 4);
        Admission.Anonymous a = new Admission.Anonymous("192.0.2.1");
        for (int i = 0; i < 4; i++) {
            start(admission, a);
        }
        clock.advance(Duration.ofMinutes(5));
        AdmissionException refused = refusal(() -> admission.admit(a));
        assertThat(refused.limit()).isEqualTo(AdmissionException.Limit.CONCURRENT);
        assertThat(refused.limit().status()).isEqualTo(429);
        assertThat(refused.getMessage()).contains("already has 4 sessions running").contains("End one first");
        // The first would end by itself 30 min after it started idling, 25 min from now.
        assertThat(refused.retryAfterSeconds()).isEqualTo(25 * 60);
        // Another address is another client.
        start(admission, new Admission.Anonymous("192.0.2.2"));
    }

    @Test
    void endingASessionFreesItsPlaceAndCostsNoToken() {
        Admission admission = admission(8, 2);
        Admission.Anonymous a = new Admission.Anonymous("192.0.2.1");
        String first = start(admission, a);
        start(admission, a);
        refusal(() -> admission.admit(a)); // refused for holding two: takes no token
        admission.ended(first);
        admission.ended(first); // twice is harmless
        start(admission, a);
        assertThat(admission.anonymousHeld()).isEqualTo(2);
    }

    @Test
    void theRateRefusesWithTheTimeUntilTheNextToken() {
        Admission admission = admission(100, 100);
        Admission.Anonymous a = new Admission.Anonymous("192.0.2.1");
        for (int i = 0; i < 6; i++) {
            admission.ended(start(admission, a));
        }
        clock.advance(Duration.ofSeconds(3));
        AdmissionException refused = refusal(() -> admission.admit(a));
        assertThat(refused.limit()).isEqualTo(AdmissionException.Limit.RATE);
        assertThat(refused.limit().code()).isEqualTo("rate-limited");
        assertThat(refused.retryAfterSeconds()).isEqualTo(7);
        assertThat(refused.getMessage()).contains("6 at once, then one every 10 s").contains("Try again in 7 s");
        clock.advance(Duration.ofSeconds(7));
        start(admission, a);
    }

    @Test
    void anonymousSessionsTogetherStopAtTheirShareAndLearnersDoNot() {
        Admission admission = admission(3, 2);
        start(admission, new Admission.Anonymous("192.0.2.1"));
        start(admission, new Admission.Anonymous("192.0.2.1"));
        start(admission, new Admission.Anonymous("192.0.2.2"));
        AdmissionException refused = refusal(() -> admission.admit(new Admission.Anonymous("192.0.2.3")));
        assertThat(refused.limit()).isEqualTo(AdmissionException.Limit.ANONYMOUS_SHARE);
        assertThat(refused.limit().status()).isEqualTo(503);
        assertThat(refused.getMessage()).contains("All 3 lab hosts for free sessions are in use")
                .contains("the other 13 are kept for workshops");
        assertThat(refused.retryAfterSeconds()).isPositive();
        assertThat(admission.anonymousAvailable()).isFalse();
        for (int i = 0; i < 10; i++) {
            start(admission, new Admission.Learner("learner-" + i));
        }
        assertThat(admission.anonymousHeld()).isEqualTo(3);
    }

    @Test
    void aLearnerHasTheirOwnBucketWhateverTheirAddress() {
        Admission admission = admission(8, 4);
        Admission.Learner ada = new Admission.Learner("ada");
        for (int i = 0; i < 10; i++) {
            admission.admit(ada).cancel(); // taken over, nothing created: the token comes back
        }
        for (int i = 0; i < 10; i++) {
            start(admission, ada);
        }
        AdmissionException refused = refusal(() -> admission.admit(ada));
        assertThat(refused.limit()).isEqualTo(AdmissionException.Limit.RATE);
        assertThat(refused.getMessage()).startsWith("You started lab hosts too often");
        start(admission, new Admission.Learner("grace"));
    }

    @Test
    void thirtyLearnersBehindOneAddressAreNeverRefusedByAddressLimits() {
        Admission admission = admission(8, 4);
        for (int i = 0; i < 30; i++) {
            start(admission, new Admission.Learner("learner-" + i));
        }
        assertThat(admission.anonymousHeld()).isZero();
    }

    @Test
    void aCancelledStartGivesEverythingBack() {
        Admission admission = admission(1, 1);
        Admission.Anonymous a = new Admission.Anonymous("192.0.2.1");
        Admission.Ticket ticket = admission.admit(a);
        assertThat(admission.anonymousHeld()).isEqualTo(1);
        ticket.cancel();
        ticket.cancel();
        assertThat(admission.anonymousHeld()).isZero();
        start(admission, a);
    }

    @Test
    void noFreeSessionsAtAll() {
        Admission admission = admission(0, 4);
        AdmissionException refused = refusal(() -> admission.admit(new Admission.Anonymous("192.0.2.1")));
        assertThat(refused.limit()).isEqualTo(AdmissionException.Limit.ANONYMOUS_OFF);
        assertThat(refused.limit().status()).isEqualTo(403);
        assertThat(refused.retryAfter()).isNull();
        assertThat(refused.getMessage()).contains("Join a workshop");
        start(admission, new Admission.Learner("ada"));
    }

    @Test
    void manyAddressesThatCameOnceAreForgottenOnceTheirBucketsAreFull() {
        Admission admission = admission(100_000, 4);
        for (int i = 0; i < 5000; i++) {
            admission.ended(start(admission, new Admission.Anonymous("10.0." + (i / 256) + "." + (i % 256))));
        }
        assertThat(admission.clientsKept()).isEqualTo(5000);
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 5000; i++) {
            admission.ended(start(admission, new Admission.Anonymous("10.1." + (i / 256) + "." + (i % 256))));
        }
        // The sweep at the map's doubling forgot the first 5000, full again after two quiet minutes.
        assertThat(admission.clientsKept()).isLessThan(10_000);
        assertThat(admission.anonymousHeld()).isZero();
    }

    @Test
    void badSettingsAreRefusedWithTheirNames() {
        assertThatThrownBy(() -> admission(-1, 4)).hasMessageContaining("glassbox.admission.anonymous-max");
        assertThatThrownBy(() -> admission(4, 0)).hasMessageContaining("glassbox.admission.per-address-max");
    }
}
