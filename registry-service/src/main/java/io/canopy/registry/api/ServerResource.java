package io.canopy.registry.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.kit.api.Page;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.registry.api.Views.ServerView;
import io.canopy.registry.api.Views.VendorCustomerView;
import io.canopy.registry.persistence.ServerEntity;
import io.canopy.registry.service.ServerService;
import io.canopy.registry.service.ServerService.ServerInput;

/**
 * The dealer's fleet-management servers. Credentials go in, are checked with the vendor, sealed,
 * and never come out again (no response, log line or error carries them).
 */
@Path("/v1/servers")
@Tag(name = "servers")
@RolesAllowed(CurrentDealer.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ServerResource {

    @Inject
    ServerService servers;

    @Inject
    CurrentDealer dealer;

    @Inject
    IdempotencyKeys idempotency;

    @GET
    @Operation(summary = "List servers", description = "Paged: ?page=1&per_page=50; optional ?type=")
    public Page<ServerView> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @QueryParam("type") String type) {
        Page<ServerEntity> found = servers.list(dealer.id(), Page.request(page, perPage), type);
        return new Page<>(found.data().stream().map(ServerView::of).toList(), found.page(), found.perPage(), found.total());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a server (never its credentials)")
    public ServerView get(@PathParam("id") UUID id) {
        return ServerView.of(servers.get(dealer.id(), id));
    }

    @POST
    @Operation(summary = "Register a server", description = "Credentials are checked against the vendor before the server "
            + "is saved. Honours Idempotency-Key.")
    @APIResponse(responseCode = "201", description = "registered")
    @APIResponse(responseCode = "400", description = "a field is missing or malformed (problem+json names it)")
    @APIResponse(responseCode = "422", description = "the vendor refused the credentials (problem+json with its reason)")
    public Response create(@Valid @NotNull Requests.CreateServer body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        UUID dealerId = dealer.id();
        return idempotency.once(dealerId.toString(), idempotencyKey, "POST /v1/servers", body,
                () -> Response.status(201).entity(ServerView.of(servers.create(dealerId, new ServerInput(body.type(),
                        body.url(), body.credentials(), body.contact(), body.maxConcurrency())))).build());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a server", description = "New credentials (complete set) or a new url are checked against "
            + "the vendor first.")
    public ServerView update(@PathParam("id") UUID id, @Valid @NotNull Requests.UpdateServer body) {
        return ServerView.of(servers.update(dealer.id(), id, new ServerInput(body.type(), body.url(), body.credentials(),
                body.contact(), body.maxConcurrency())));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a server without feeds")
    public Response delete(@PathParam("id") UUID id) {
        servers.delete(dealer.id(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/customers")
    @Operation(summary = "The vendor's customers of this server", description = "For the feed dropdown: "
            + "`external_id` is what a feed's external_id takes.")
    public Map<String, List<VendorCustomerView>> customers(@PathParam("id") UUID id) {
        return Map.of("data", servers.customers(dealer.id(), id).stream()
                .map(c -> new VendorCustomerView(c.externalId(), c.name())).toList());
    }
}
