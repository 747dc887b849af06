package io.canopy.registry.api;

import java.util.List;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.contracts.events.CollectionRequested;
import io.canopy.kit.api.Page;
import io.canopy.kit.api.QueryParameters;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.registry.api.Views.CollectionRequestView;
import io.canopy.registry.api.Views.FeedView;
import io.canopy.registry.persistence.FeedEntity;
import io.canopy.registry.service.FeedService;
import io.canopy.registry.service.FeedService.FeedInput;

/** The dealer's feeds: one vendor customer of one server, collected into one account. */
@Path("/v1/feeds")
@Tag(name = "feeds")
@RolesAllowed(CurrentDealer.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    @Inject
    FeedService feeds;

    @Inject
    CurrentDealer dealer;

    @Inject
    IdempotencyKeys idempotency;

    @GET
    @Operation(summary = "List feeds", description = "Paged: ?page=1&per_page=50; optional ?account_id= ?server_id= ?status=")
    public Page<FeedView> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @QueryParam("account_id") UUID accountId, @QueryParam("server_id") UUID serverId,
            @QueryParam("status") String status) {
        Page.Request paging = Page.request(page, perPage);
        String wanted = QueryParameters.oneOf("status", status, List.of(FeedEntity.ACTIVE, FeedEntity.INACTIVE));
        Page<FeedEntity> found = feeds.list(dealer.id(), paging, new FeedService.Filter(accountId, serverId, wanted));
        return new Page<>(found.data().stream().map(FeedView::of).toList(), found.page(), found.perPage(), found.total());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a feed")
    public FeedView get(@PathParam("id") UUID id) {
        return FeedView.of(feeds.get(dealer.id(), id));
    }

    @POST
    @Operation(summary = "Create a feed", description = "external_id in the vendor's format; collection_scope only for "
            + "vendors that support it. Collected from activation_date at the next run; the activation day's own pages "
            + "count. A current-counter feed (mps_monitor, printerpoint) activated on the business today is read at once. "
            + "Honours Idempotency-Key.")
    public Response create(@Valid @NotNull Requests.CreateFeed body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        UUID dealerId = dealer.id();
        return idempotency.once(dealerId.toString(), idempotencyKey, "POST /v1/feeds", body,
                () -> Response.status(201).entity(FeedView.of(feeds.create(dealerId, input(body.accountId(),
                        body.serverId(), body.externalId(), body.activationDate(), body.collectionScope(),
                        body.paperBasis())))).build());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a feed's activation date, collection scope or paper basis")
    public FeedView update(@PathParam("id") UUID id, @Valid @NotNull Requests.UpdateFeed body) {
        return FeedView.of(feeds.update(dealer.id(), id, input(body.accountId(), body.serverId(), body.externalId(),
                body.activationDate(), body.collectionScope(), body.paperBasis())));
    }

    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Activate a feed")
    public FeedView activate(@PathParam("id") UUID id) {
        return FeedView.of(feeds.setActive(dealer.id(), id, true));
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate a feed (no more collections)")
    public FeedView deactivate(@PathParam("id") UUID id) {
        return FeedView.of(feeds.setActive(dealer.id(), id, false));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a feed")
    public Response delete(@PathParam("id") UUID id) {
        feeds.delete(dealer.id(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/collect")
    @Operation(summary = "Collect now", description = "Optional body {from, to}: window [from, to); default everything not "
            + "yet collected up to today. 202 with the request id. Honours Idempotency-Key.")
    public Response collect(@PathParam("id") UUID id, Requests.CollectWindow body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        UUID dealerId = dealer.id();
        Requests.CollectWindow window = body == null ? new Requests.CollectWindow(null, null) : body;
        return idempotency.once(dealerId.toString(), idempotencyKey, "POST /v1/feeds/" + id + "/collect", window, () -> {
            CollectionRequested request = feeds.collect(dealerId, id, window.from(), window.to());
            return Response.accepted(new CollectionRequestView(request.requestId(), request.feedId(),
                    request.window().from(), request.window().to(), "manual", request.asOf())).build();
        });
    }

    private static FeedInput input(UUID accountId, UUID serverId, String externalId, java.time.LocalDate activationDate,
            String scope, String paperBasis) {
        return new FeedInput(accountId, serverId, externalId, activationDate, scope, paperBasis);
    }
}
