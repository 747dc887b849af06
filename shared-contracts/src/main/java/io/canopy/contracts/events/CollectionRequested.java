package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.arithmetic.PaperBasis;

/**
 * registry → collector on {@code canopy.collection.requests.v1}, keyed by server: collect this
 * feed's window (or, for purpose {@code server-check}, only check the credentials).
 *
 * @param externalCustomerId the vendor's customer id (absent for a server check)
 * @param timeZone           IANA zone of the account: business days are dates there
 * @param maxConcurrency     how many requests this server may see from Canopy at a time
 * @param paperBasis         the feed's paper basis, forwarded on {@link CollectionCompleted} so
 *                           metering weighs impressions right; optional, added compatibly:
 *                           absent means {@link PaperBasis#LETTER}
 * @param accountName        the account's display name as registry knows it tonight, forwarded on
 *                           {@link CollectionCompleted} and {@link DepositRecorded} so a certificate
 *                           names its customer; optional, added compatibly (absent for a server check)
 * @param activationDate     the feed's activation date: the first business day whose pages count. A
 *                           meter device's baseline is its last reading before this day, so history
 *                           vendors look back before it and metering deposits nothing before it;
 *                           forwarded on {@link CollectionCompleted}; optional, added compatibly
 *                           (absent for a server check and on events of older producers)
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
        Instant requestedAt,
        @Nullable PaperBasis paperBasis,
        @Nullable String accountName,
        @Nullable LocalDate activationDate) implements CanopyEvent {

    /** Without an activation date, as producers wrote it before the field existed. */
    public CollectionRequested(UUID requestId, UUID dealerId, UUID serverId, @Nullable UUID feedId,
            @Nullable UUID accountId, VendorType vendor, String serverUrl, SealedCredentials credentials,
            @Nullable String externalCustomerId, @Nullable CollectionScope scope, String timeZone,
            @Nullable DateWindow window, CollectionPurpose purpose, LocalDate asOf, int maxConcurrency,
            Instant requestedAt, @Nullable PaperBasis paperBasis, @Nullable String accountName) {
        this(requestId, dealerId, serverId, feedId, accountId, vendor, serverUrl, credentials, externalCustomerId,
                scope, timeZone, window, purpose, asOf, maxConcurrency, requestedAt, paperBasis, accountName, null);
    }

    /** Without an account name, as producers wrote it before the field existed. */
    public CollectionRequested(UUID requestId, UUID dealerId, UUID serverId, @Nullable UUID feedId,
            @Nullable UUID accountId, VendorType vendor, String serverUrl, SealedCredentials credentials,
            @Nullable String externalCustomerId, @Nullable CollectionScope scope, String timeZone,
            @Nullable DateWindow window, CollectionPurpose purpose, LocalDate asOf, int maxConcurrency,
            Instant requestedAt, @Nullable PaperBasis paperBasis) {
        this(requestId, dealerId, serverId, feedId, accountId, vendor, serverUrl, credentials, externalCustomerId,
                scope, timeZone, window, purpose, asOf, maxConcurrency, requestedAt, paperBasis, null, null);
    }

    /** Without a paper basis (letter), as producers wrote it before the field existed. */
    public CollectionRequested(UUID requestId, UUID dealerId, UUID serverId, @Nullable UUID feedId,
            @Nullable UUID accountId, VendorType vendor, String serverUrl, SealedCredentials credentials,
            @Nullable String externalCustomerId, @Nullable CollectionScope scope, String timeZone,
            @Nullable DateWindow window, CollectionPurpose purpose, LocalDate asOf, int maxConcurrency,
            Instant requestedAt) {
        this(requestId, dealerId, serverId, feedId, accountId, vendor, serverUrl, credentials, externalCustomerId,
                scope, timeZone, window, purpose, asOf, maxConcurrency, requestedAt, null, null, null);
    }

    @Override
    public UUID eventId() {
        return requestId;
    }

    @Override
    public String partitionKey() {
        return serverId.toString();
    }
}
