package io.canopy.collector.domain;

import java.time.ZoneId;
import java.util.UUID;

import io.canopy.contracts.events.CollectionScope;

/** The vendor customer a feed maps to, and how to read it. */
public record FeedTarget(UUID feedId, String externalCustomerId, CollectionScope scope, ZoneId timeZone) {

    public boolean managedOnly() {
        return scope == CollectionScope.MANAGED_ONLY;
    }
}
