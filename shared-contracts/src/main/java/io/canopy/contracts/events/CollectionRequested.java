package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;

/**
 * registry → collector on {@code canopy.collection.requests.v1}, keyed by server: collect this
 * feed's window (or, for purpose {@code server-check}, only check the credentials).
 *
 * @param externalCustomerId the vendor's customer id (absent for a server check)
 * @param timeZone           IANA zone of the account: business days are dates there
 * @param maxConcurrency     how many requests this server may see from Canopy at a time
 */
public record CollectionRequested(
        UUID requestId,
        UUID dealerId,
        UUID serverId,
        @Nullable UUID feedId,
        @Nullable UUID accountId,
        VendorType vendor,
        String serverUrl,
        SealedCredentials credentials,
        @Nullable String externalCustomerId,
        @Nullable CollectionScope scope,
        String timeZone,
        @Nullable DateWindow window,
        CollectionPurpose purpose,
        LocalDate asOf,
        int maxConcurrency,
        Instant requestedAt) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return serverId.toString();
    }
}
