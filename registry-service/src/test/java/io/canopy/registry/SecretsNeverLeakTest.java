package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.CREDENTIALS;
import static io.canopy.registry.RegistryTestSupport.CUSTOMERS;
import static io.canopy.registry.RegistryTestSupport.admin;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static io.canopy.registry.RegistryTestSupport.serverBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import io.canopy.localstack.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * After servers of all five vendors are registered (and one is refused), updated, listed, browsed
 * and collected, no credential value appears in any response, in registry's or the collector's
 * log, on any topic, or anywhere in registry's database as plaintext.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class SecretsNeverLeakTest {

    @Test
    void noCredentialValueAppearsInResponsesLogsTopicsOrTheDatabase() throws Exception {
        var dealer = newDealer("Secrets");
        StringBuilder responses = new StringBuilder();
        UUID account = RegistryTestSupport.createAccount(dealer, "Secret customer");
        List<UUID> feeds = new ArrayList<>();
        for (VendorType vendor : VendorType.values()) {
            var created = dealer.api().header("Idempotency-Key", "server-" + vendor).body(serverBody(vendor))
                    .post("/v1/servers").then().statusCode(201).extract();
            responses.append(created.asString());
            UUID server = UUID.fromString(created.path("id"));
            responses.append(dealer.api().body(Map.of("credentials", CREDENTIALS.get(vendor))).patch("/v1/servers/" + server)
                    .then().statusCode(200).extract().asString());
            responses.append(dealer.api().get("/v1/servers/" + server + "/customers").then().statusCode(200).extract().asString());
            feeds.add(RegistryTestSupport.createFeed(dealer, account, server, CUSTOMERS.get(vendor), "2026-02-10"));
        }
        Map<String, Object> refused = new HashMap<>(serverBody(VendorType.ONESTOP));
        refused.put("credentials", Map.of("username", "copyright-api", "password", "Refused-S3cret-Value"));
        responses.append(dealer.api().body(refused).post("/v1/servers").then().statusCode(422).extract().asString());
        responses.append(dealer.api().get("/v1/servers?per_page=10").then().statusCode(200).extract().asString());
        admin().body(Map.of("as_of", "2026-02-12")).post("/admin/v1/collection-runs").then().statusCode(202);
        var requests = RegistryTestSupport.readUntil(Topics.COLLECTION_REQUESTS, all -> feeds.stream().allMatch(
                feed -> all.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(feed.toString()))),
                Duration.ofSeconds(60));
        Eventually.await("every feed's outcome", Duration.ofSeconds(90), () -> feeds.stream().allMatch(feed -> dealer
                .api().get("/v1/feeds/" + feed).then().extract().path("last_collection_status") != null));

        StringBuilder everything = new StringBuilder(responses);
        for (String topic : List.of(Topics.COLLECTION_REQUESTS, Topics.COLLECTION_OUTCOMES, Topics.METER_READINGS,
                Topics.COLLECTION_REJECTED)) {
            RegistryTestSupport.readAll(topic).forEach(r -> {
                everything.append(new String(r.value(), StandardCharsets.UTF_8));
                r.headers().forEach(h -> everything.append(new String(h.value(), StandardCharsets.UTF_8)));
            });
        }
        assertThat(requests).isNotEmpty();
        for (Path log : List.of(Path.of("target/quarkus.log"), CollectorProcessResource.LOG)) {
            assertThat(log).exists();
            everything.append(Files.readString(log));
        }
        try (var db = RegistryTestSupport.database();
                var tables = db.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
                var names = tables.executeQuery()) {
            while (names.next()) {
                try (var rows = db.prepareStatement("SELECT t::text FROM \"" + names.getString(1) + "\" t").executeQuery()) {
                    while (rows.next()) {
                        everything.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        String haystack = everything.toString();
        assertThat(haystack).contains(feeds.get(0).toString()); // the search did cover what this test produced
        List<String> secrets = new ArrayList<>(List.of("Refused-S3cret-Value"));
        CREDENTIALS.values().forEach(credentials -> credentials.forEach((field, value) -> {
            if (!field.equals("username") && !field.equals("entity_id")) { // identifiers, not secrets
                secrets.add(value);
            }
        }));
        for (String secret : secrets) {
            assertThat(haystack).as("a credential value leaked").doesNotContain(secret);
        }
    }
}
