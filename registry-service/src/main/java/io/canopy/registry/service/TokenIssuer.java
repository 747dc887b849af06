package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.kit.security.CurrentDealer;
import io.canopy.registry.config.RegistryConfig;
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

    public IssuedToken issue(UUID dealerId) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.auth().tokenLifetime());
        String token = Jwt.issuer(config.auth().issuer())
                .audience(config.auth().audience())
                .subject(dealerId.toString())
                .upn(dealerId.toString())
                .claim(CurrentDealer.CLAIM, dealerId.toString())
                .groups(Set.of(CurrentDealer.ROLE))
                .issuedAt(now)
                .expiresAt(expires)
                .jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).keyId(keys.currentKid())
                .sign(keys.signer());
        return new IssuedToken(token, config.auth().tokenLifetime().toSeconds(), expires);
    }
}
