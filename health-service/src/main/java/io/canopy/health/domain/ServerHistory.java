package io.canopy.health.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import io.canopy.contracts.events.HealthStatus;

/**
 * A server's health in business time: on each day it is what the latest signal up to that day
 * says. Built from a set of signals, so the answer does not depend on their arrival order.
 */
public final class ServerHistory {

    private static final ServerHistory UNKNOWN = new ServerHistory(new TreeMap<>());

    /** The decisive (latest) signal of each as_of. */
    private final NavigableMap<LocalDate, ServerSignal> latestPerDay;

    private ServerHistory(NavigableMap<LocalDate, ServerSignal> latestPerDay) {
        this.latestPerDay = latestPerDay;
    }

    public static ServerHistory of(Collection<ServerSignal> signals) {
        NavigableMap<LocalDate, ServerSignal> latest = new TreeMap<>();
        for (ServerSignal signal : signals) {
            latest.merge(signal.asOf(), signal, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return new ServerHistory(latest);
    }

    /** A server nothing is known about: healthy (collection is not paused for it). */
    public static ServerHistory unknown() {
        return UNKNOWN;
    }

    /** The signal that decides the server's health now. */
    public Optional<ServerSignal> latest() {
        return Optional.ofNullable(latestPerDay.lastEntry()).map(Map.Entry::getValue);
    }

    public HealthStatus status() {
        return latest().map(s -> s.healthy() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY).orElse(HealthStatus.HEALTHY);
    }

    /** Whether the server was unhealthy at the end of business day {@code day}. */
    public boolean unhealthyOn(LocalDate day) {
        Map.Entry<LocalDate, ServerSignal> decisive = latestPerDay.floorEntry(day);
        return decisive != null && !decisive.getValue().healthy();
    }
}
