package io.canopy.registry.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.registry.service.SigningKeys;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify dealer JWTs, for every other
 * service ({@code mp.jwt.verify.publickey.location=${CANOPY_JWT_JWKS_URL}}). Unauthenticated (public
 * keys only) and cacheable; during a rotation it lists the current signer and the previous keys,
 * each with its {@code kid}.
 */
@Path("/.well-known/jwks.json")
@Tag(name = "auth")
public class JwksResource {

    /** Verifiers refresh on an unknown kid anyway; a short cache keeps rotation quick. */
    static final int MAX_AGE_SECONDS = 300;

    @Inject
    SigningKeys keys;

    @GET
    @Produces({ "application/jwk-set+json", "application/json" })
    @Operation(summary = "Public keys that verify dealer JWTs (JWKS)")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        cache.setPrivate(false);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }
}
