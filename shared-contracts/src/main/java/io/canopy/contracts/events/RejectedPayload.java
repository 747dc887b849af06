package io.canopy.contracts.events;

import java.time.Instant;
import java.util.UUID;

import io.canopy.contracts.identity.DeterministicIds;

/**
 * collector → operators on {@code canopy.collection.rejected.v1}, keyed by feed: a vendor body
 * that could not be used, kept (truncated, short retention) so an operator can see why.
 *
 * @param endpoint  the vendor path that answered, without host or query (no secrets)
 * @param body      the raw body, cut to a sane size
 * @param bodyBytes the size of the whole body
 */
public record RejectedPayload(
        UUID requestId,
        UUID dealerId,
        @Nullable UUID feedId,
        UUID serverId,
        VendorType vendor,
        String endpoint,
        String reason,
        String body,
        int bodyBytes,
        boolean truncated,
        Instant receivedAt) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return DeterministicIds.derived("rejected-payload", requestId, endpoint, reason);
    }

    @Override
    public String partitionKey() {
        return feedId != null ? feedId.toString() : serverId.toString();
    }
}
