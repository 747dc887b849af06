package io.canopy.collector.client.onestop;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.collector.client.AdapterSupport;
import io.canopy.collector.client.JsonCounters;
import io.canopy.collector.client.VendorAdapter;
import io.canopy.collector.client.VendorHttp;
import io.canopy.collector.client.VendorResponse;
import io.canopy.collector.domain.CollectedWindow;
import io.canopy.collector.domain.DayAggregate;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.FeedTarget;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.VendorCustomer;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.VendorType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * OneStop MPS Portal: a password-grant token, then one volume summary per day. A 401 means the
 * token expired: log in again once, then fail.
 */
@ApplicationScoped
public class OneStopAdapter implements VendorAdapter {

    @Inject
    VendorHttp http;

    /** Tokens in memory only, per server; never logged, never published. */
    private final Map<UUID, String> tokens = new ConcurrentHashMap<>();

    @Override
    public VendorType vendor() {
        return VendorType.ONESTOP;
    }

    @Override
    public Uni<Void> check(ServerAccess server) {
        return login(server).replaceWithVoid();
    }

    @Override
    public Uni<List<VendorCustomer>> customers(ServerAccess server) {
        return authorized(server, "/api/customers", Map.of()).map(body -> {
            if (!body.isArray()) {
                throw VendorFailure.rejected("/api/customers", body.toString(), "OneStop customer list is not an array");
            }
            List<VendorCustomer> customers = new ArrayList<>();
            body.forEach(c -> customers.add(new OneStopCustomer(c.path("id").asText(), c.path("name").asText()).toVendorCustomer()));
            return customers;
        });
    }

    @Override
    public Uni<CollectedWindow> collect(ServerAccess server, FeedTarget feed, DateWindow window, LocalDate asOf) {
        DroppedValues dropped = new DroppedValues();
        String path = "/api/customers/" + feed.externalCustomerId() + "/meterreadings/summary";
        // One day at a time, in order: the days are few and the vendor is small.
        return Multi.createFrom().iterable(window.splitIntoDays())
                .onItem().transformToUniAndConcatenate(day -> authorized(server, path,
                        Map.of("fromDate", day.from().toString(), "toDate", day.to().toString()))
                        .map(body -> OneStopSummary.parse(day.from(), body, path, dropped).toAggregate()))
                .collect().asList()
                .map(days -> CollectedWindow.ofAggregates(days, dropped));
    }

    private Uni<JsonNode> authorized(ServerAccess server, String path, Map<String, String> query) {
        Uni<String> token = tokens.containsKey(server.serverId()) ? Uni.createFrom().item(tokens.get(server.serverId()))
                : login(server);
        return token.flatMap(t -> get(server, path, query, t)).flatMap(response -> {
            if (response.status() != 401) {
                return Uni.createFrom().item(response);
            }
            tokens.remove(server.serverId());
            return login(server).flatMap(t -> get(server, path, query, t));
        }).map(response -> AdapterSupport.requireOk(response, "OneStop").json());
    }

    private Uni<VendorResponse> get(ServerAccess server, String path, Map<String, String> query, String token) {
        return http.get(server, path, query, Map.of("Authorization", "Bearer " + token, "Accept", "application/json"));
    }

    private Uni<String> login(ServerAccess server) {
        return http.postForm(server, "/token", Map.of("grant_type", "password", "username", server.credential("username"),
                "password", server.credential("password")), Map.of("Accept", "application/json"))
                .map(response -> {
                    if (response.status() == 400 || response.status() == 401) {
                        throw new VendorFailure(FailureKind.AUTH_REJECTED, "OneStop refused the login (invalid_grant)",
                                response.status(), 1);
                    }
                    JsonNode body = AdapterSupport.requireOk(response, "OneStop login").json();
                    String token = body.path("access_token").asText("");
                    if (token.isBlank()) {
                        throw VendorFailure.rejected("/token", "<token response without access_token>",
                                "OneStop token response has no access_token");
                    }
                    tokens.put(server.serverId(), token);
                    return token;
                });
    }

    record OneStopCustomer(String id, String name) {
        VendorCustomer toVendorCustomer() {
            return new VendorCustomer(id, name);
        }
    }

    /** The fields Canopy keeps of a OneStop summary. */
    record OneStopSummary(LocalDate day, long small, long large, long duplex, int devices) {

        static OneStopSummary parse(LocalDate day, JsonNode body, String path, DroppedValues dropped) {
            if (!body.isObject()) {
                throw VendorFailure.rejected(path, body.toString(), "OneStop summary is not an object");
            }
            OptionalLong small = JsonCounters.parse(body.path("smallTotal"), dropped);
            OptionalLong large = JsonCounters.parse(body.path("largeTotal"), dropped);
            OptionalLong duplex = JsonCounters.parse(body.path("duplexTotal"), dropped);
            if (small.isEmpty() || large.isEmpty() || duplex.isEmpty()) {
                // A day aggregate cannot be partly right: the whole body is unusable.
                throw VendorFailure.rejected(path, body.toString(), "OneStop summary for " + day + " has unusable totals");
            }
            return new OneStopSummary(day, small.getAsLong(), large.getAsLong(), duplex.getAsLong(),
                    body.path("deviceTotal").asInt(0));
        }

        DayAggregate toAggregate() {
            return new DayAggregate(day, small, large, duplex, devices, null);
        }
    }
}
