package io.twinloop.connectors.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void doublesPerFailedAttemptUpToTheMax() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesAMaxBelowTheFirstDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("max delay");
    }
}
