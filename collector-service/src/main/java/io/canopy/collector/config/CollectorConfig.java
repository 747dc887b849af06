package io.canopy.collector.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** collector-service settings ({@code canopy.collector.*}); every default is documented here. */
@ConfigMapping(prefix = "canopy.collector")
public interface CollectorConfig {

    /** Vendor URLs must be https:// in production; the local stack and tests allow http://. */
    @WithDefault("false")
    boolean allowInsecureHttp();

    /** Bearer token other services present on /internal (from a Kubernetes Secret). */
    Optional<String> serviceToken();

    /**
     * How far a history vendor (Print Tracker) looks back before a feed's activation date for each
     * device's last read, the baseline of the activation day; a device with no read in this span
     * starts at its first read. Only windows that start at the activation date look back.
     */
    @WithDefault("31")
    int activationLookbackDays();

    Http http();

    Worker worker();

    interface Http {
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time to wait for a vendor's answer. */
        @WithDefault("30s")
        Duration readTimeout();

        /** Per-vendor override of the read timeout, keyed by server type (e.g. printerpoint=60s). */
        Map<String, Duration> readTimeoutByVendor();

        /** Attempts per call, first one included, for 5xx, I/O errors and 429. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();

        /** A Retry-After longer than this is not waited for: the collection fails RATE_LIMITED. */
        @WithDefault("30s")
        Duration maxRetryAfter();

        /** Consecutive failed calls (unreachable / 5xx after retries) that open a server's circuit. */
        @WithDefault("5")
        int breakerFailureThreshold();

        @WithDefault("60s")
        Duration breakerOpenFor();

        /** Connections per vendor host. */
        @WithDefault("20")
        int maxConnectionsPerHost();

        /** How much of a rejected body is kept for operators. */
        @WithDefault("16384")
        int rejectedBodyMaxChars();
    }

    interface Worker {
        /** Collections in flight in this pod across all servers (backpressure on the consumer). */
        @WithDefault("256")
        int maxInFlight();
    }
}
