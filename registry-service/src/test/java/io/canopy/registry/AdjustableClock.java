package io.canopy.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * registry's wall clock in tests: the system clock plus an offset a test may move forward (e.g. past
 * a sign-in lock) and must put back. At offset zero it is the production clock.
 */
public final class AdjustableClock extends Clock {

    static final AdjustableClock INSTANCE = new AdjustableClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Replaces the production Clock bean for every @QuarkusTest of this module. */
    public static final class Producer {
        @Produces
        @Singleton
        @Alternative
        @Priority(1)
        Clock clock() {
            return INSTANCE;
        }
    }

    static void advance(Duration by) {
        INSTANCE.offset.updateAndGet(current -> current.plus(by));
    }

    static void reset() {
        INSTANCE.offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
