package io.canopy.kit.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code canopy.outbox.*}: how the relay moves committed events from PostgreSQL to Kafka. */
@ConfigMapping(prefix = "canopy.outbox")
public interface OutboxConfig {

    /** Publish at all. Off only for tests that inspect the table before anything is sent. */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for rows nobody woke it for (another replica's, or after a failure). */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Rows published per round trip. */
    @WithDefault("500")
    int batchSize();

    /**
     * Batches handed to Kafka before the relay waits for the oldest one's acknowledgements. 1 is the
     * old stop-and-wait relay; more keeps PostgreSQL and Kafka busy at once.
     */
    @WithDefault("4")
    int pipelineDepth();

    /** How often the backlog gauge {@code canopy_outbox_unpublished} is counted (a count(*), so not every round). */
    @WithDefault("10s")
    Duration backlogInterval();

    /** How long published rows stay in the table (for operators to inspect) before they are deleted. */
    @WithDefault("P7D")
    Duration retention();

    /** CloudEvents {@code ce_source}; defaults to {@code /canopy/<quarkus.application.name>}. */
    Optional<String> source();
}
