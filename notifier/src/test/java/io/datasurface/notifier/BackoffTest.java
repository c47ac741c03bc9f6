package io.datasurface.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesPerAttemptBetweenHalfAndAllOfTheCeiling() {
        Backoff least = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.0);
        Backoff most = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.999999);

        assertThat(least.delay(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(most.delay(0)).isEqualTo(Duration.ofMillis(999));
        assertThat(least.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(most.delay(3)).isEqualTo(Duration.ofMillis(7999));
    }

    @Test
    void delayNeverExceedsTheMaximumHoweverManyAttempts() {
        Backoff most = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> 0.999999);

        assertThat(most.delay(10)).isLessThan(Duration.ofMinutes(1));
        assertThat(most.delay(1000)).isLessThan(Duration.ofMinutes(1)).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }
}
