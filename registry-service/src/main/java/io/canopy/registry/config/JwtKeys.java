package io.canopy.registry.config;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.canopy.registry.service.SigningKeys;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * registry's JWT keys, and how registry verifies its own tokens: against the same key set it serves
 * as JWKS (current signer and previous keys, chosen by {@code kid}), with the same issuer and
 * audience as every other service. Replaces the {@code mp.jwt.verify.*} settings in this service
 * only, so registry never needs its public key copied next to the private one.
 */
@ApplicationScoped
public class JwtKeys {

    /** Fails at startup when the signing key or a previous key is missing or malformed. */
    @Produces
    @Singleton
    @Startup
    SigningKeys signingKeys(RegistryConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") String signingKeyLocation) {
        return SigningKeys.load(config.auth().keyId(), signingKeyLocation, config.auth().previousKeys());
    }

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(SigningKeys keys, RegistryConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(keys.jwks());
        info.setIssuedBy(config.auth().issuer());
        info.setExpectedAudience(Set.of(config.auth().audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        return info;
    }
}
