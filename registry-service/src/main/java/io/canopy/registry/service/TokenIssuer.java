package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.kit.security.CurrentDealer;
import io.canopy.registry.config.RegistryConfig;
import io.canopy.registry.domain.UserRole;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs dealer JWTs (DESIGN.md rule 11; service-kit README): RS256 with the current key of
 * {@link SigningKeys} (private key at {@code smallrye.jwt.sign.key.location}), its {@code kid} in the
 * header and {@code aud=canopy}; every service verifies them against registry's JWKS without calling
 * registry per request, so they are short-lived.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    RegistryConfig config;

    @Inject
    Clock clock;

    @Inject
    SigningKeys keys;

    public record IssuedToken(String token, long expiresInSeconds, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }

    /** An API-key token: {@code sub} is the dealer, and it acts as an admin (integrations keep their rights). */
    public IssuedToken issue(UUID dealerId) {
        return sign(dealerId, dealerId.toString(), UserRole.ADMIN);
    }

    /** A person's token: {@code sub} is the user, {@code dealer_id} the dealer, {@code canopy_role} what they may do. */
    public IssuedToken issueForUser(UUID dealerId, UUID userId, UserRole role) {
        return sign(dealerId, userId.toString(), role);
    }

    private IssuedToken sign(UUID dealerId, String subject, UserRole role) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.auth().tokenLifetime());
        String token = Jwt.issuer(config.auth().issuer())
                .audience(config.auth().audience())
                .subject(subject)
                .upn(subject)
                .claim(CurrentDealer.CLAIM, dealerId.toString())
                .claim(UserRole.CLAIM, role.wireName())
                .groups(Set.of(CurrentDealer.ROLE))
                .issuedAt(now)
                .expiresAt(expires)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).keyId(keys.currentKid())
                .sign(keys.signer());
        return new IssuedToken(token, config.auth().tokenLifetime().toSeconds(), expires);
    }
}
