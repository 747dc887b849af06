package io.canopy.health.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.canopy.contracts.events.HealthStatus;
import io.canopy.health.persistence.FeedHealthRepository;
import io.canopy.health.persistence.FeedHistoryRepository;
import io.canopy.health.persistence.ServerHealthRepository;
import io.canopy.health.persistence.StoredFeed;
import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.api.QueryParameters;
import io.canopy.kit.security.CurrentDealer;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The dealer's view of server and feed health ({@code /v1/health}). Every query is filtered by the
 * dealer of the verified JWT; another dealer's feed answers 404, exactly like an unknown one.
 */
@Path("/v1/health")
@RolesAllowed(CurrentDealer.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    CurrentDealer dealer;

    @Inject
    FeedHealthRepository feedHealth;

    @Inject
    FeedHistoryRepository feedHistory;

    @Inject
    ServerHealthRepository serverHealth;

    @GET
    @Path("/servers")
    public Page<ServerHealthView> servers(@QueryParam("status") String status, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage) {
        Page.Request paging = Page.request(page, perPage);
        Optional<HealthStatus> wanted = status(status);
        UUID dealerId = dealer.id();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ServerHealthView> data = serverHealth.listServers(dealerId, wanted, paging.offset(), paging.perPage()).stream()
                    .map(ServerHealthView::of).toList();
            return paging.of(data, serverHealth.countServers(dealerId, wanted));
        });
    }

    @GET
    @Path("/feeds")
    public Page<FeedHealthView> feeds(@QueryParam("status") String status, @QueryParam("server_id") String serverId,
            @QueryParam("account_id") String accountId, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage) {
        Page.Request paging = Page.request(page, perPage);
        Optional<HealthStatus> wanted = status(status);
        Optional<UUID> server = Optional.ofNullable(QueryParameters.uuid("server_id", serverId));
        Optional<UUID> account = Optional.ofNullable(QueryParameters.uuid("account_id", accountId));
        UUID dealerId = dealer.id();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<FeedHealthView> data = feedHealth
                    .listFeeds(dealerId, wanted, server, account, paging.offset(), paging.perPage()).stream()
                    .map(FeedHealthView::of).toList();
            return paging.of(data, feedHealth.countFeeds(dealerId, wanted, server, account));
        });
    }

    @GET
    @Path("/feeds/{id}")
    public FeedHealthView feed(@PathParam("id") String id) {
        return FeedHealthView.of(find(id));
    }

    @GET
    @Path("/feeds/{id}/history")
    public Page<HealthHistoryView> history(@PathParam("id") String id, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage) {
        Page.Request paging = Page.request(page, perPage);
        StoredFeed feed = find(id);
        return QuarkusTransaction.requiringNew().call(() -> paging.of(
                feedHistory.history(feed.feedId(), paging.offset(), paging.perPage()).stream().map(HealthHistoryView::of)
                        .toList(),
                feedHistory.countHistory(feed.feedId())));
    }

    private StoredFeed find(String id) {
        UUID feedId = QueryParameters.requiredUuid("id", id);
        UUID dealerId = dealer.id();
        return QuarkusTransaction.requiringNew().call(() -> feedHealth.feedOfDealer(dealerId, feedId))
                .orElseThrow(() -> ProblemException.notFound("feed", feedId));
    }

    private static Optional<HealthStatus> status(String value) {
        return Optional.ofNullable(QueryParameters.oneOf("status", value, List.of("healthy", "unhealthy")))
                .map(s -> HealthStatus.valueOf(s.toUpperCase(Locale.ROOT)));
    }
}
