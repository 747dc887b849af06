package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.canopy.kit.api.ProblemException;
import io.canopy.registry.domain.ApiKeys;
import io.canopy.registry.persistence.ApiKeyEntity;
import io.canopy.registry.persistence.DealerEntity;

/** Dealers and their API keys: created by operators, keys rotated by operators or the dealer. */
@ApplicationScoped
public class DealerService {

    @Inject
    Clock clock;

    /** A new dealer with its first key; the key's plaintext exists only in this answer. */
    public record NewDealer(DealerEntity dealer, ApiKeyEntity key, String plaintextKey) {
        @Override
        public String toString() {
            return "NewDealer[dealer=" + dealer.id + ", key=" + key.id + ", plaintext=<redacted>]";
        }
    }

    public record NewKey(ApiKeyEntity key, String plaintextKey) {
        @Override
        public String toString() {
            return "NewKey[key=" + key.id + ", plaintext=<redacted>]";
        }
    }

    @Transactional
    public NewDealer create(String name) {
        DealerEntity dealer = new DealerEntity();
        dealer.id = UUID.randomUUID();
        dealer.name = name.trim();
        dealer.createdAt = Now.of(clock);
        dealer.persist();
        NewKey key = mintKey(dealer.id, "initial");
        return new NewDealer(dealer, key.key(), key.plaintextKey());
    }

    /**
     * Registry is the authority on dealers: a validly signed token whose dealer has no row here (removed
     * behind registry's back, or a token minted elsewhere with our key) is refused before anything is
     * written under it, instead of failing on the foreign key.
     */
    public static void requireKnown(UUID dealerId) {
        if (DealerEntity.findById(dealerId) == null) {
            throw new ProblemException(401, "Unauthorized", "the token's dealer is not known");
        }
    }

    public Optional<DealerEntity> find(UUID dealerId) {
        return DealerEntity.findByIdOptional(dealerId);
    }

    @Transactional
    public NewKey mintKey(UUID dealerId, String label) {
        if (DealerEntity.findById(dealerId) == null) {
            throw ProblemException.notFound("dealer", dealerId);
        }
        ApiKeys.Minted minted = ApiKeys.mint();
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = minted.id();
        key.dealerId = dealerId;
        key.label = label;
        key.salt = minted.salt();
        key.secretHash = minted.secretHash();
        key.createdAt = Now.of(clock);
        key.persist();
        return new NewKey(key, minted.plaintext());
    }

    public List<ApiKeyEntity> keys(UUID dealerId) {
        return ApiKeyEntity.ofDealer(dealerId);
    }

    /** Revoking is final and idempotent: tokens already issued expire on their own (15 min). */
    @Transactional
    public ApiKeyEntity revoke(UUID dealerId, UUID keyId) {
        ApiKeyEntity key = ApiKeyEntity.ofDealer(dealerId, keyId)
                .orElseThrow(() -> ProblemException.notFound("api key", keyId));
        if (key.revokedAt == null) {
            key.revokedAt = Now.of(clock);
        }
        return key;
    }

    /**
     * Step-up check before minting a key: the presented key must be a current key of this very
     * dealer. Every failure is the same 403 (the JWT already proved who is asking; what is missing is
     * the key), naming the header and never echoing what was sent.
     */
    @Transactional
    public void requireCurrentKey(UUID dealerId, String presentedKey) {
        ProblemException refused = new ProblemException(403, "Forbidden",
                "creating an API key needs one of your current API keys in the X-Api-Key header", "X-Api-Key");
        ApiKeys.Presented presented = ApiKeys.parse(presentedKey).orElseThrow(() -> refused);
        ApiKeyEntity key = ApiKeyEntity.findById(presented.id());
        if (key == null || key.revokedAt != null || !key.dealerId.equals(dealerId)
                || !ApiKeys.matches(presented, key.salt, key.secretHash)) {
            throw refused;
        }
        key.lastUsedAt = Now.of(clock);
    }

    /**
     * The dealer a presented API key belongs to. Every failure gets the same answer, so the
     * response never tells a guesser whether a key id exists or was revoked.
     */
    @Transactional
    public UUID authenticate(String presentedKey) {
        ProblemException refused = new ProblemException(401, "Unauthorized", "the API key is not valid", "api_key");
        ApiKeys.Presented presented = ApiKeys.parse(presentedKey).orElseThrow(() -> refused);
        ApiKeyEntity key = ApiKeyEntity.findById(presented.id());
        if (key == null || key.revokedAt != null || !ApiKeys.matches(presented, key.salt, key.secretHash)) {
            throw refused;
        }
        Instant now = Now.of(clock);
        key.lastUsedAt = now;
        return key.dealerId;
    }
}
