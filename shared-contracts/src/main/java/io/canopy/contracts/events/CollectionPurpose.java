package io.canopy.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a collection was requested. */
public enum CollectionPurpose {
    @JsonProperty("nightly")
    NIGHTLY,
    @JsonProperty("backfill")
    BACKFILL,
    @JsonProperty("manual")
    MANUAL,
    @JsonProperty("activation")
    ACTIVATION,
    @JsonProperty("server-check")
    SERVER_CHECK
}
