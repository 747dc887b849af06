package io.canopy.collector.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A circuit breaker per vendor server: after N consecutive failed calls the server is left alone
 * for a while, so a dead server costs no retry storm and never slows other servers.
 */
public final class ServerBreaker {

    private record State(int failures, Instant openUntil) {
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    public ServerBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    public boolean isOpen(UUID server) {
        State state = states.get(server);
        return state != null && state.openUntil() != null && clock.instant().isBefore(state.openUntil());
    }

    public void recordSuccess(UUID server) {
        states.remove(server);
    }

    public void recordFailure(UUID server) {
        states.compute(server, (id, state) -> {
            int failures = (state == null ? 0 : state.failures()) + 1;
            return new State(failures, failures >= threshold ? clock.instant().plus(openFor) : null);
        });
    }
}
