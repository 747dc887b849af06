package io.canopy.contracts.events;

/** Why a feed is unhealthy. */
public enum FeedHealthReason {
    /** No new data for the configured number of business days. */
    STALE_DATA,
    /** Collections failed on the configured number of consecutive nights. */
    COLLECTION_FAILING,
    /** The feed's server is unhealthy; reported once on the server, not as a second alarm. */
    SERVER_UNHEALTHY
}
