package io.canopy.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    static final SignInThrottle THROTTLE = new SignInThrottle(5, Duration.ofMinutes(15));
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theFifthFailureInARowLocksForFifteenMinutes() {
        SignInThrottle.State state = SignInThrottle.State.CLEAN;
        for (int i = 1; i <= 4; i++) {
            state = THROTTLE.afterFailure(state, T0);
            assertThat(THROTTLE.lockedFor(state, T0)).isNull();
        }
        state = THROTTLE.afterFailure(state, T0);
        assertThat(state.lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(THROTTLE.lockedFor(state, T0.plusSeconds(60))).isEqualTo(Duration.ofMinutes(14));
        assertThat(THROTTLE.lockedFor(state, T0.plus(Duration.ofMinutes(15)))).isNull();
    }

    @Test
    void aFailureAfterTheLockEndedStartsAFreshCount() {
        SignInThrottle.State locked = new SignInThrottle.State(5, T0);
        SignInThrottle.State after = THROTTLE.afterFailure(locked, T0.plusSeconds(1));
        assertThat(after).isEqualTo(new SignInThrottle.State(1, null));
    }

    @Test
    void aSuccessClearsTheCount() {
        assertThat(THROTTLE.afterSuccess()).isEqualTo(SignInThrottle.State.CLEAN);
    }
}
