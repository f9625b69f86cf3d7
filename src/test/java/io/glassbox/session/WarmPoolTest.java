package io.glassbox.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmPoolTest {

    @Test
    void aFailedStartIsTriedAgainSoonThenLessOftenButAtLeastEveryMinute() {
        assertThat(WarmPool.retryAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WarmPool.retryAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(WarmPool.retryAfter(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(WarmPool.retryAfter(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(WarmPool.retryAfter(1000)).isEqualTo(Duration.ofMinutes(1));
    }
}
