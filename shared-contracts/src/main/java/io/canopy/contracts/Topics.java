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

    private Topics() {
    }
}
