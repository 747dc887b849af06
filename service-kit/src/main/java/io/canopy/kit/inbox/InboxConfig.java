package io.canopy.kit.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code canopy.inbox.*}: how a consumer retries a readable record whose effect could not be applied. */
@ConfigMapping(prefix = "canopy.inbox")
public interface InboxConfig {

    Retry retry();

    /**
     * Bounded exponential backoff, without an attempt limit: a good record is retried until it is
     * applied (the partition waits, keeping its order; readiness is DOWN meanwhile), never dropped
     * or dead-lettered because PostgreSQL was away.
     */
    interface Retry {

        /** The pause after the first failure; it doubles after each further one. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest pause between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }
}
