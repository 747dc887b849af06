package io.canopy.collector.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.canopy.collector.domain.ByteBudget;
import io.canopy.collector.domain.DealerSlots;
import io.canopy.collector.domain.ServerBreaker;

/**
 * The collector's plain-Java domain objects, built from configuration in one place: the beans that use
 * them (the request consumer, the worker, the vendor HTTP client) only inject them, so how config shapes
 * a rule is read here and nowhere else, and a test can swap one object for all its users.
 */
@ApplicationScoped
public class DomainWiring {

    /** Wall-clock time: it stamps events and times the breaker; business time comes from {@code as_of}. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The pod's collection slots, fair between dealers, serial per server (DESIGN.md rule 8). */
    @Produces
    @Singleton
    DealerSlots dealerSlots(CollectorConfig config) {
        return new DealerSlots(config.worker().maxInFlight(), config.worker().maxInFlightPerDealer(),
                config.worker().maxWaiting());
    }

    /** One circuit per vendor server, shared by every collection of the pod. */
    @Produces
    @Singleton
    ServerBreaker serverBreaker(CollectorConfig config, Clock clock) {
        return new ServerBreaker(config.http().breakerFailureThreshold(), config.http().breakerOpenFor(), clock);
    }

    /** The pod-wide budget of buffered vendor body bytes ({@code canopy.collector.limits.in-flight-bytes}). */
    @Produces
    @Singleton
    ByteBudget byteBudget(CollectorConfig config) {
        return new ByteBudget(config.limits().inFlightBytes().asLongValue());
    }
}
