package io.glassbox.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bucket on a time that the test moves by hand: no sleeps. */
class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aFullBucketGivesItsBurstThenSaysHowLongUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(3, Duration.ofSeconds(10), T0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake(T0)).isZero();
        }
        assertThat(bucket.tryTake(T0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(bucket.tryTake(T0.plusSeconds(4))).isEqualTo(Duration.ofSeconds(6));
        assertThat(bucket.tryTake(T0.plusSeconds(10))).isZero();
        assertThat(bucket.tryTake(T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refillStopsAtTheBurst() {
        TokenBucket bucket = new TokenBucket(2, Duration.ofSeconds(10), T0);
        bucket.tryTake(T0);
        bucket.tryTake(T0);
        Instant muchLater = T0.plus(Duration.ofDays(365 * 100));
        assertThat(bucket.tokens(muchLater)).isEqualTo(2);
        assertThat(bucket.isFull(muchLater)).isTrue();
        assertThat(bucket.tryTake(muchLater)).isZero();
        assertThat(bucket.tryTake(muchLater)).isZero();
        assertThat(bucket.tryTake(muchLater)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aRefundGivesOneTokenBackButNeverMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(1, Duration.ofMinutes(1), T0);
        assertThat(bucket.tryTake(T0)).isZero();
        bucket.refund(T0);
        assertThat(bucket.tryTake(T0)).isZero();
        bucket.refund(T0);
        bucket.refund(T0);
        assertThat(bucket.tokens(T0)).isEqualTo(1);
    }

    @Test
    void aClockThatGoesBackChangesNothing() {
        TokenBucket bucket = new TokenBucket(1, Duration.ofSeconds(10), T0);
        bucket.tryTake(T0);
        assertThat(bucket.tryTake(T0.minusSeconds(60))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void nonsenseRatesAreRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, Duration.ofSeconds(1), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, Duration.ZERO, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
