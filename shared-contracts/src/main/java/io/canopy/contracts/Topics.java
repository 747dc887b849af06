package io.canopy.contracts;

import java.util.List;

/** Kafka topic names of DESIGN.md: the contract between services. Keys noted per topic. */
public final class Topics {

    /** Key: serverId. registry → collector. */
    public static final String COLLECTION_REQUESTS = "canopy.collection.requests.v1";
    /** Key: feedId. collector → metering. */
    public static final String METER_READINGS = "canopy.meter.readings.v1";
    /** Key: feedId. collector → health, registry. */
    public static final String COLLECTION_OUTCOMES = "canopy.collection.outcomes.v1";
    /** Key: feedId. collector → operators (source-side dead letter). */
    public static final String COLLECTION_REJECTED = "canopy.collection.rejected.v1";
    /** Key: accountId. metering → certificate, health, downstream subscribers (public contract). */
    public static final String DEPOSITS = "canopy.deposits.v1";
    /** Key: feedId or serverId. health → registry. */
    public static final String HEALTH = "canopy.health.v1";
    /** Key: accountId. certificate → downstream (public contract). */
    public static final String CERTIFICATES = "canopy.certificates.v1";

    public static final List<String> ALL = List.of(COLLECTION_REQUESTS, METER_READINGS, COLLECTION_OUTCOMES,
            COLLECTION_REJECTED, DEPOSITS, HEALTH, CERTIFICATES);

    /** Suffix of a consumed topic's dead-letter topic (DESIGN.md "Topics"). */
    public static final String DEAD_LETTER_SUFFIX = ".dead-letter.v1";

    /** The topics some Canopy service consumes: each has a dead-letter topic. */
    public static final List<String> CONSUMED = List.of(COLLECTION_REQUESTS, METER_READINGS, COLLECTION_OUTCOMES,
            DEPOSITS, HEALTH);

    /** {@code <topic>.dead-letter.v1}: where a record of the topic that no consumer can read is parked. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The dead-letter topic of every consumed topic. */
    public static final List<String> DEAD_LETTERS = CONSUMED.stream().map(Topics::deadLetterOf).toList();

    private Topics() {
    }
}
