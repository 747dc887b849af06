package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.identity.DeterministicIds;

/** collector → health, registry on {@code canopy.collection.outcomes.v1}, keyed by server. */
public record ServerCheckPassed(
        UUID requestId,
        UUID dealerId,
        UUID serverId,
        VendorType vendor,
        LocalDate asOf,
        Instant checkedAt) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return DeterministicIds.derived("server-check-outcome", requestId);
    }

    @Override
    public String partitionKey() {
        return serverId.toString();
    }
}
