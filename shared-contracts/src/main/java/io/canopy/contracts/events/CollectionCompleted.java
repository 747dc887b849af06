package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.identity.DeterministicIds;

/**
 * collector → metering on {@code canopy.meter.readings.v1}: the last record of a request on the
 * feed's partition. Metering computes deposits when it sees this, never across a partial request.
 *
 * @param timeZone   the account's IANA zone from the request (business days are dates there);
 *                   optional, added compatibly: absent on events of older producers
 * @param paperBasis the feed's paper basis from the request (how impressions become standard
 *                   pages); optional, added compatibly: absent means {@link PaperBasis#LETTER}
 * @param accountName the account's display name from the request, carried on to
 *                    {@link DepositRecorded}; optional, added compatibly
 * @param activationDate the feed's activation date from the request: metering takes a device's last
 *                    reading before it as the baseline and deposits nothing for earlier days;
 *                    optional, added compatibly (absent: every reading counts as before)
 */
public record CollectionCompleted(
        UUID requestId,
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        UUID serverId,
        DateWindow window,
        CollectionPurpose purpose,
        int snapshots,
        int aggregates,
        LocalDate asOf,
        Instant completedAt,
        @Nullable String timeZone,
        @Nullable PaperBasis paperBasis,
        @Nullable String accountName,
        @Nullable LocalDate activationDate) implements CanopyEvent {

    /** Without an activation date, as producers wrote it before the field existed. */
    public CollectionCompleted(UUID requestId, UUID dealerId, UUID accountId, UUID feedId, UUID serverId,
            DateWindow window, CollectionPurpose purpose, int snapshots, int aggregates, LocalDate asOf,
            Instant completedAt, @Nullable String timeZone, @Nullable PaperBasis paperBasis,
            @Nullable String accountName) {
        this(requestId, dealerId, accountId, feedId, serverId, window, purpose, snapshots, aggregates, asOf,
                completedAt, timeZone, paperBasis, accountName, null);
    }

    /** Without an account name, as producers wrote it before the field existed. */
    public CollectionCompleted(UUID requestId, UUID dealerId, UUID accountId, UUID feedId, UUID serverId,
            DateWindow window, CollectionPurpose purpose, int snapshots, int aggregates, LocalDate asOf,
            Instant completedAt, @Nullable String timeZone, @Nullable PaperBasis paperBasis) {
        this(requestId, dealerId, accountId, feedId, serverId, window, purpose, snapshots, aggregates, asOf,
                completedAt, timeZone, paperBasis, null, null);
    }

    /** Without a paper basis (letter), as producers wrote it before the field existed. */
    public CollectionCompleted(UUID requestId, UUID dealerId, UUID accountId, UUID feedId, UUID serverId,
            DateWindow window, CollectionPurpose purpose, int snapshots, int aggregates, LocalDate asOf,
            Instant completedAt, @Nullable String timeZone) {
        this(requestId, dealerId, accountId, feedId, serverId, window, purpose, snapshots, aggregates, asOf,
                completedAt, timeZone, null, null, null);
    }

    @Override
    public UUID eventId() {
        return DeterministicIds.derived("collection-completed", requestId);
    }

    @Override
    public String partitionKey() {
        return feedId.toString();
    }
}
