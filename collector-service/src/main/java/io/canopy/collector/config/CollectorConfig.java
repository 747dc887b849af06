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

    /**
     * {@code host:port} entries (comma-separated) that may resolve to internal addresses although the
     * SSRF guard refuses those for everyone else: only the local vendor simulator, e.g.
     * {@code 127.0.0.1:8099}. Environment: {@code CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS}. Default none.
     */
    Optional<String> allowedPrivateHosts();

    Http http();

    Worker worker();

    Limits limits();

    /**
     * What one vendor may cost us. A breach fails the collection with {@code LIMIT_EXCEEDED} or
     * {@code DEADLINE_EXCEEDED}, never an OutOfMemoryError and never another dealer's time.
     */
    interface Limits {
        /** Largest response body, counted after decompression (a gzip bomb stops here). */
        @WithDefault("32M")
        io.quarkus.runtime.configuration.MemorySize maxBody();

        /**
         * Pages one collection (or one customer discovery) may read across all of its lists. 2,000
         * pages of 500 MPS Monitor devices, or 100 Print Tracker reads, is far above any real fleet.
         */
        @WithDefault("2000")
        int maxPages();

        /** List items one collection may hold (devices, meter reads, customers) across its pages. */
        @WithDefault("500000")
        int maxItems();

        /**
         * Total time of one collection from the first call to the last byte, retries and back-off
         * included. The read timeout is per silence, so a body that trickles one byte a second
         * never trips it; this does.
         */
        @WithDefault("10m")
        Duration collectionDeadline();

        /**
         * Total time of a call on {@code /internal} (credential check, customer discovery). It must stay
         * below registry's client read timeout ({@code quarkus.rest-client.collector.read-timeout}, 30 s)
         * so registry always receives our classified answer rather than timing out itself: 20 s leaves
         * 10 s for the connection and registry's own work. Retries stop when it is spent.
         */
        @WithDefault("20s")
        Duration internalDeadline();

        /**
         * Vendor body bytes all collections in flight may hold at once (max-body caps one body; this
         * caps their sum, which is what ran a 256 MiB collector out of heap at max-in-flight 256). A
         * collection reserves a body's bytes before reading it (its Content-Length, else as it is
         * decoded) and keeps them until its readings are published; over the budget, calls wait for
         * others to finish instead of failing. One body larger than the whole budget is read alone.
         * Default sized for the default heap (256 MiB pods): a quarter of it.
         */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize inFlightBytes();

        /**
         * Longest a call waits for room in {@link #inFlightBytes()}; past it the collection fails
         * {@code DEADLINE_EXCEEDED} (and is retried by the next night or a backfill) rather than hang.
         */
        @WithDefault("2m")
        Duration inFlightBytesWait();
    }

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

        /**
         * Connections to one vendor host ({@code host:port}) at once. Default: {@code worker.max-in-flight},
         * one per running collection (a collection makes one call at a time), so the per-host pool never
         * binds before the slots do. Many dealers' servers share one vendor host (Print Tracker's API is
         * one host for everyone; the simulator serves every server from one port): a smaller cap here
         * made unrelated servers wait for each other's connections. What one server may take is its
         * lane's business ({@code maxConcurrency}, default 1), not the host's.
         */
        java.util.OptionalInt maxConnectionsPerHost();

        /** How much of a rejected body is kept for operators. */
        @WithDefault("16384")
        int rejectedBodyMaxChars();
    }

    interface Worker {
        /**
         * Collections in flight in this pod across all servers (backpressure on the consumer). What
         * bounds the heap: at 256 a 256 MiB collector ran out of heap on a 1,000-customer night
         * ({@code ./canopy bench night --customers 1000}, 200 servers) once nothing else capped
         * concurrency; 64 ran the same night in 46 s, ledger = truth. Raise it with the heap.
         */
        @WithDefault("64")
        int maxInFlight();

        /**
         * Collections of one dealer running at once in this pod, so one dealer's slow or hostile
         * servers never hold the slots every other dealer needs. Requests over it wait in their
         * dealer's queue without taking a slot.
         */
        @WithDefault("16")
        int maxInFlightPerDealer();

        /**
         * Requests accepted from Kafka but still waiting (for a slot or their dealer's turn) before the
         * consumer stops taking more: bounds memory when one dealer floods the topic.
         */
        @WithDefault("1024")
        int maxWaiting();
    }
}
