package io.canopy.registry.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.SealedCredentials;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.registry.domain.Watermark;

/**
 * One feed with what its collection requests carry from its server and account, read in one query
 * (JPQL constructor projection) so a night of thousands of feeds costs one round trip per batch.
 */
public record FeedTarget(UUID feedId, UUID dealerId, UUID accountId, UUID serverId, String type, String url,
        String credentialsKeyId, String credentialsAlgorithm, String credentialsCiphertext, String externalId,
        String collectionScope, String paperBasis, String timeZone, int maxConcurrency, LocalDate activationDate,
        LocalDate collectedThrough, String accountName) {

    public Watermark watermark() {
        return new Watermark(activationDate, Optional.ofNullable(collectedThrough));
    }

    /**
     * The request for this feed's window; its id is H(feed, window, purpose) (DESIGN.md rule 1). It
     * carries the activation date, so collectors look back for the baseline and metering counts
     * nothing before it.
     */
    public CollectionRequested request(DateWindow window, CollectionPurpose purpose, LocalDate asOf, Instant requestedAt) {
        return new CollectionRequested(DeterministicIds.collectionRequest(feedId, window, purpose), dealerId, serverId,
                feedId, accountId, VendorType.fromWireName(type), url,
                new SealedCredentials(credentialsKeyId, credentialsAlgorithm, credentialsCiphertext), externalId,
                scope(collectionScope), timeZone, window, purpose, asOf, maxConcurrency, requestedAt,
                "a4".equals(paperBasis) ? PaperBasis.A4 : PaperBasis.LETTER, accountName, activationDate);
    }

    public VendorType vendor() {
        return VendorType.fromWireName(type);
    }

    static CollectionScope scope(String wire) {
        if (wire == null) {
            return null;
        }
        return "managed_only".equals(wire) ? CollectionScope.MANAGED_ONLY : CollectionScope.ALL;
    }

    @Override
    public String toString() {
        return "FeedTarget[feed=" + feedId + ", server=" + serverId + ", credentials=<sealed>]";
    }

    /** JPQL select list matching the canonical constructor; from {@code FeedEntity f, ServerEntity s, AccountEntity a}. */
    static final String SELECT = "select new io.canopy.registry.service.FeedTarget(f.id, f.dealerId, f.accountId, s.id, "
            + "s.type, s.url, s.credentialsKeyId, s.credentialsAlgorithm, s.credentialsCiphertext, f.externalId, "
            + "f.collectionScope, f.paperBasis, a.timeZone, s.maxConcurrency, f.activationDate, f.collectedThrough, a.name) "
            + "from FeedEntity f, ServerEntity s, AccountEntity a where s.id = f.serverId and a.id = f.accountId ";
}
