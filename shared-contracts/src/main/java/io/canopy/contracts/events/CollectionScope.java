package io.canopy.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which devices of a vendor customer count: every device, or only those the dealer manages. */
public enum CollectionScope {
    @JsonProperty("all")
    ALL,
    @JsonProperty("managed_only")
    MANAGED_ONLY
}
