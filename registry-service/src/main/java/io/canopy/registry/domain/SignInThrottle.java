package io.canopy.registry.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The wrong-password brake for one email: after {@code maxFailures} failures in a row the email is
 * locked for {@code lockFor}; while locked every attempt is refused unchecked (a correct password
 * too, or the lock would just be a slower oracle). A success clears the count; a lock that has ended
 * starts a fresh count.
 */
public record SignInThrottle(int maxFailures, Duration lockFor) {

    /** What is stored per email: failures in a row and the lock they caused. */
    public record State(int failedAttempts, Instant lockedUntil) {
        public static final State CLEAN = new State(0, null);
    }

    /** Time left on the lock (to be refused, with it as Retry-After), or null when the attempt may be checked. */
    public Duration lockedFor(State state, Instant now) {
        if (state.lockedUntil() == null || !state.lockedUntil().isAfter(now)) {
            return null;
        }
        return Duration.between(now, state.lockedUntil());
    }

    /** The state after a wrong password at {@code now} (the attempt was not refused by a lock). */
    public State afterFailure(State state, Instant now) {
        boolean lockEnded = state.lockedUntil() != null && !state.lockedUntil().isAfter(now);
        int failures = (lockEnded ? 0 : state.failedAttempts()) + 1;
        return new State(failures, failures >= maxFailures ? now.plus(lockFor) : null);
    }

    public State afterSuccess() {
        return State.CLEAN;
    }
}
