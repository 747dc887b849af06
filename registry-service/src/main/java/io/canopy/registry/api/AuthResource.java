package io.canopy.registry.api;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.registry.api.Views.TokenView;
import io.canopy.registry.service.DealerService;
import io.canopy.registry.service.TokenIssuer;

/**
 * {@code POST /v1/auth/token}: a dealer API key in, a short-lived RS256 JWT out (iss
 * canopy-registry, sub and dealer_id = the dealer, groups [dealer]). Every service verifies it with
 * the public key alone, so no service calls registry per request.
 */
@Path("/v1/auth/token")
@Tag(name = "auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    DealerService dealers;

    @Inject
    TokenIssuer tokens;

    @POST
    @Operation(summary = "Exchange an API key for a JWT",
            description = "Send `{\"api_key\": \"ck_...\"}`; use the answer's `access_token` as `Authorization: Bearer` on /v1.")
    public TokenView token(@Valid @NotNull Requests.TokenRequest body) {
        TokenIssuer.IssuedToken issued = tokens.issue(dealers.authenticate(body.apiKey()));
        return new TokenView(issued.token(), "Bearer", issued.expiresInSeconds(), issued.expiresAt());
    }
}
