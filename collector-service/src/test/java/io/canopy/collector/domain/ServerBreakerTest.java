package io.canopy.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ServerBreakerTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-02-03T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final ServerBreaker breaker = new ServerBreaker(3, Duration.ofMinutes(5), clock);
    final UUID dead = UUID.randomUUID();
    final UUID alive = UUID.randomUUID();

    @Test
    void opensAfterThresholdConsecutiveFailuresAndOnlyForThatServer() {
        breaker.recordFailure(dead);
        breaker.recordFailure(dead);
        assertThat(breaker.isOpen(dead)).as("below the threshold").isFalse();
        breaker.recordFailure(dead);
        assertThat(breaker.isOpen(dead)).isTrue();
        assertThat(breaker.isOpen(alive)).isFalse();
    }

    @Test
    void closesAgainWhenTheOpenPeriodHasPassed() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure(dead);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(5)).minusMillis(1);
        assertThat(breaker.isOpen(dead)).isTrue();
        clock.now = clock.now.plusMillis(1);
        assertThat(breaker.isOpen(dead)).isFalse();
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        breaker.recordFailure(dead);
        breaker.recordFailure(dead);
        breaker.recordSuccess(dead);
        breaker.recordFailure(dead);
        breaker.recordFailure(dead);
        assertThat(breaker.isOpen(dead)).isFalse();
        breaker.recordFailure(dead);
        assertThat(breaker.isOpen(dead)).isTrue();
    }

    @Test
    void aFailureAfterTheOpenPeriodOpensItAgainAtOnce() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure(dead);
        }
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(breaker.isOpen(dead)).isFalse();
        breaker.recordFailure(dead); // the probe after the pause failed too
        assertThat(breaker.isOpen(dead)).isTrue();
    }
}
