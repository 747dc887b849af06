package io.canopy.e2e.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.e2e.Api;
import io.canopy.e2e.SimulatorControl;
import io.canopy.e2e.Vendors;

/**
 * Registers the simulated fleet through the public API, as dealers would: one dealer per prefix of
 * the scenario's server names, each server (its credentials checked against the vendor), the
 * customers registry discovers on it, an account and a feed for each. Servers are registered
 * {@value #PARALLEL} at a time (each server's customers one after another), so 10,000 feeds take
 * minutes, not an hour; the bench prints how long it took.
 */
final class BenchFleet {

    static final int PARALLEL = 8;

    /** A registered customer feed. */
    record Feed(String serverName, String vendor, String externalId, String feedId, LocalDate activationDate) {
        boolean currentCounters() {
            return Vendors.currentCounters(vendor);
        }
    }

    private final String registryUrl;
    private final Api admin;
    private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
    private final Map<String, Api> dealers = new ConcurrentHashMap<>();
    private final Map<String, Long> issuedAt = new ConcurrentHashMap<>();
    private final List<Feed> feeds = Collections.synchronizedList(new ArrayList<>());

    BenchFleet(String registryUrl, String adminToken) {
        this.registryUrl = registryUrl;
        this.admin = new Api(registryUrl, adminToken);
    }

    List<Feed> feeds() {
        return feeds;
    }

    int dealers() {
        return dealers.size();
    }

    /** Registers every server of the simulator with its customers, feeds activated on {@code activation}. */
    void register(SimulatorControl simulator, LocalDate activation) throws Exception {
        List<SimulatorControl.SimServer> servers = simulator.servers();
        // dealers first, one at a time: a dealer's API key and token before its servers run in parallel
        for (SimulatorControl.SimServer server : servers) {
            dealers.computeIfAbsent(server.dealer(), this::createDealer);
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SimulatorControl.SimServer server : servers) {
                done.add(pool.submit(() -> {
                    registerServer(server, activation);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void registerServer(SimulatorControl.SimServer server, LocalDate activation) {
        Api dealer = dealer(server.dealer());
        JsonNode created = dealer.post("/v1/servers", Map.of("type", server.type(), "url", server.url(), "credentials",
                server.credentials(), "contact", "fleet@" + server.dealer() + ".example"));
        String serverId = created.path("id").asText();
        JsonNode discovered = dealer.get("/v1/servers/" + serverId + "/customers");
        JsonNode list = discovered.isArray() ? discovered : discovered.path("data");
        for (JsonNode customer : list) {
            String externalId = customer.path("external_id").asText();
            String name = customer.path("name").asText(externalId) + " (" + server.name() + ")";
            JsonNode account = dealer.post("/v1/accounts", Map.of("name", name, "time_zone", "UTC"));
            Map<String, Object> feedBody = new LinkedHashMap<>(Map.of("account_id", account.path("id").asText(),
                    "server_id", serverId, "external_id", externalId, "activation_date", activation.toString()));
            if (Vendors.scoped(server.type())) { // the others know no managed flag
                feedBody.put("collection_scope", "all");
            }
            JsonNode feed = dealer.post("/v1/feeds", feedBody);
            feeds.add(new Feed(server.name(), server.type(), externalId, feed.path("id").asText(), activation));
        }
    }

    private Api createDealer(String prefix) {
        JsonNode created = admin.post("/admin/v1/dealers", Map.of("name", prefix.toUpperCase() + " Print Services"));
        apiKeys.put(prefix, firstText(created, "api_key", "key", "secret"));
        return token(prefix);
    }

    /** The dealer's API, with a new token when the one it has is older than 10 minutes (they last 15). */
    private Api dealer(String prefix) {
        if (System.nanoTime() - issuedAt.get(prefix) > java.time.Duration.ofMinutes(10).toNanos()) {
            dealers.put(prefix, token(prefix));
        }
        return dealers.get(prefix);
    }

    private Api token(String prefix) {
        JsonNode token = new Api(registryUrl, null).post("/v1/auth/token", Map.of("api_key", apiKeys.get(prefix)));
        issuedAt.put(prefix, System.nanoTime());
        return new Api(registryUrl, firstText(token, "access_token", "token"));
    }

    /** The first text value under any of the names, anywhere in the tree (the key is nested: api_key.key). */
    private static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode found = node.findValue(name);
            if (found != null && found.isTextual()) {
                return found.asText();
            }
            if (found != null && found.isObject()) {
                try {
                    return firstText(found, names);
                } catch (IllegalStateException e) {
                    // not in there: the next name
                }
            }
        }
        throw new IllegalStateException("no " + String.join("/", names) + " in " + node);
    }
}
