package io.canopy.registry.api;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.kit.api.ProblemException;
import io.canopy.registry.api.Views.ApiKeyView;
import io.canopy.registry.api.Views.CollectionRunView;
import io.canopy.registry.api.Views.DealerView;
import io.canopy.registry.api.Views.NewApiKeyView;
import io.canopy.registry.api.Views.NewDealerView;
import io.canopy.registry.api.Views.UserView;
import io.canopy.registry.service.CollectionRuns;
import io.canopy.registry.service.DealerService;
import io.canopy.registry.service.UserService;

/**
 * The operator API ({@code Authorization: Bearer $CANOPY_ADMIN_TOKEN}, checked by service-kit's
 * AdminTokenFilter before anything here runs): dealers, their keys and first users, and collection runs on demand.
 */
@Path("/admin/v1")
@Tag(name = "admin", description = "Operator endpoints (operator token)")
@SecurityRequirement(name = "operator-token")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    DealerService dealers;

    @Inject
    CollectionRuns runs;

    @Inject
    UserService users;

    @POST
    @Path("/dealers")
    @Operation(summary = "Create a dealer with its first API key",
            description = "The API key (`api_key.key`) is shown in this answer only; registry keeps a salted hash.")
    public Response createDealer(@Valid @NotNull Requests.CreateDealer body) {
        DealerService.NewDealer created = dealers.create(body.name());
        return Response.status(201).entity(new NewDealerView(DealerView.of(created.dealer()),
                new NewApiKeyView(created.key().id, created.key().label, created.plaintextKey(), created.key().createdAt)))
                .build();
    }

    @GET
    @Path("/dealers/{id}")
    @Operation(summary = "Get a dealer")
    public DealerView dealer(@PathParam("id") UUID id) {
        return dealers.find(id).map(DealerView::of).orElseThrow(() -> ProblemException.notFound("dealer", id));
    }

    @GET
    @Path("/dealers/{id}/api-keys")
    @Operation(summary = "List a dealer's API keys (metadata only)")
    public java.util.List<ApiKeyView> keys(@PathParam("id") UUID id) {
        dealer(id);
        return dealers.keys(id).stream().map(ApiKeyView::of).toList();
    }

    @POST
    @Path("/dealers/{id}/api-keys")
    @Operation(summary = "Create another API key for a dealer (rotation)", description = "The key is shown once.")
    public Response createKey(@PathParam("id") UUID id, @Valid Requests.CreateApiKey body) {
        DealerService.NewKey key = dealers.mintKey(id, body == null ? null : body.label());
        return Response.status(201).entity(new NewApiKeyView(key.key().id, key.key().label, key.plaintextKey(),
                key.key().createdAt)).build();
    }

    @DELETE
    @Path("/dealers/{id}/api-keys/{keyId}")
    @Operation(summary = "Revoke a dealer's API key")
    public ApiKeyView revokeKey(@PathParam("id") UUID id, @PathParam("keyId") UUID keyId) {
        return ApiKeyView.of(dealers.revoke(id, keyId));
    }

    @POST
    @Path("/dealers/{id}/users")
    @Operation(summary = "Create a dealer's user (its first admin)",
            description = "With a password right away (at least 12 characters); the user signs in with POST /v1/auth/login. "
                    + "Admins invite further users with POST /v1/users.")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "409", description = "a user with this email already exists")
    public Response createUser(@PathParam("id") UUID id, @Valid @NotNull Requests.CreateUser body) {
        return Response.status(201).entity(UserView.of(users.create(id, body.email(), body.password(), body.role())))
                .build();
    }

    @POST
    @Path("/collection-runs")
    @Operation(summary = "Run a night as of a business date",
            description = "One collection request per active feed of a healthy server, window [collected_through, as_of). "
                    + "Repeating a run adds no duplicate requests (deterministic ids).")
    public Response collectionRun(@Valid @NotNull Requests.CollectionRun body) {
        CollectionRuns.RunResult result = runs.run(body.asOf());
        return Response.accepted(new CollectionRunView(result.asOf(), result.requested(), result.upToDate())).build();
    }
}
