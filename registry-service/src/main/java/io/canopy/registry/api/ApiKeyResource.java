package io.canopy.registry.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.kit.security.CurrentDealer;
import io.canopy.registry.api.Views.ApiKeyView;
import io.canopy.registry.api.Views.NewApiKeyView;
import io.canopy.registry.service.DealerService;
import io.canopy.registry.service.UserService;

/**
 * The dealer rotates its own API keys: create a new one (shown once), revoke an old one. Creating
 * needs a step-up proof as well as the JWT (issue #17): a JWT lives 15 minutes, a key until
 * revoked, so a stolen token must not be convertible into a lasting credential. The proof is a
 * current API key ({@code X-Api-Key}) or, for a person signed in with a password (the dashboard),
 * that person's password again, checked and throttled exactly like a sign-in.
 */
@Path("/v1/api-keys")
@Tag(name = "api-keys")
@RolesAllowed(CurrentDealer.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** The step-up credential for minting: a JWT proves a recent login, the key proves its holder. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    @Inject
    DealerService dealers;

    @Inject
    CurrentDealer dealer;

    @Inject
    UserService users;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "List your API keys (metadata only)")
    public List<ApiKeyView> list() {
        return dealers.keys(dealer.id()).stream().map(ApiKeyView::of).toList();
    }

    @POST
    @Operation(summary = "Create an API key", description = "`key` is shown in this answer only. Needs, besides the "
            + "bearer JWT, one of your current API keys in `X-Api-Key`, or, signed in as a person (/v1/auth/login), your "
            + "password in `password`: a leaked 15-minute token must not be able to mint keys that outlive it. "
            + "(Operators mint keys with POST /admin/v1/dealers/{id}/api-keys.)")
    @APIResponse(responseCode = "201", description = "created; the key is in this answer only")
    @APIResponse(responseCode = "403", description = "X-Api-Key or the password is missing or not correct")
    @APIResponse(responseCode = "429", description = "too many wrong passwords for this person; see Retry-After")
    public Response create(@Valid Requests.CreateApiKey body,
            @Parameter(description = "one of your current API keys (ck_...)") @HeaderParam(API_KEY_HEADER) String currentKey) {
        UUID dealerId = dealer.id();
        Optional<UUID> person = signedInPerson(dealerId);
        if (currentKey == null && person.isPresent()) {
            users.confirmPassword(dealerId, person.get(), body == null ? null : body.password());
        } else {
            dealers.requireCurrentKey(dealerId, currentKey);
        }
        DealerService.NewKey key = dealers.mintKey(dealer.id(), body == null ? null : body.label());
        return Response.status(201).entity(new NewApiKeyView(key.key().id, key.key().label, key.plaintextKey(),
                key.key().createdAt)).build();
    }

    /** The person behind a user token ({@code sub} = the user); an API-key token's {@code sub} is the dealer itself. */
    private Optional<UUID> signedInPerson(UUID dealerId) {
        try {
            UUID subject = UUID.fromString(String.valueOf(token.getSubject()));
            return subject.equals(dealerId) ? Optional.empty() : Optional.of(subject);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key", description = "Tokens already issued with it expire on their own.")
    public ApiKeyView revoke(@PathParam("id") UUID id) {
        return ApiKeyView.of(dealers.revoke(dealer.id(), id));
    }
}
