package io.canopy.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * DESIGN.md rule 9: plaintext credentials live only in memory during a call. Drives every path that
 * touches them (checks that pass and fail, discovery, collections that succeed and fail with wrong
 * credentials) and then searches the log file, every topic the collector writes and the metrics.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class SecretsNeverLeakTest {

    static final DateWindow ONE_DAY = DateWindow.of(LocalDate.of(2026, 2, 11), LocalDate.of(2026, 2, 12));
    static final Map<VendorType, String> A_CUSTOMER = CollectorTestSupport.CUSTOMERS;

    @Test
    void noCredentialReachesALogLineATopicOrAMetric() throws Exception {
        List<String> secrets = new ArrayList<>();
        List<CollectionRequested> requests = new ArrayList<>();
        for (VendorType vendor : VendorType.values()) {
            Map<String, String> good = CollectorTestSupport.CREDENTIALS.get(vendor);
            Map<String, String> wrong = new HashMap<>(good);
            Map.Entry<String, String> wrongSecret = CollectorTestSupport.wrongSecret(vendor);
            wrong.put(wrongSecret.getKey(), wrongSecret.getValue());
            good.forEach((field, value) -> {
                if (!field.equals("username")) {
                    secrets.add(value);
                }
            });
            secrets.add(wrongSecret.getValue());

            for (Map<String, String> credentials : List.of(good, wrong)) {
                Map<String, Object> body = InternalApiTest.server(vendor, credentials);
                given().header("Authorization", InternalApiTest.TOKEN).contentType(ContentType.JSON).body(body)
                        .post("/internal/v1/checks").then().statusCode(200);
                given().header("Authorization", InternalApiTest.TOKEN).contentType(ContentType.JSON).body(body)
                        .post("/internal/v1/customers");
                requests.add(CollectorTestSupport.request(vendor, UUID.randomUUID(), A_CUSTOMER.get(vendor), null, "UTC",
                        ONE_DAY, CollectionPurpose.NIGHTLY, credentials, CollectorTestSupport.serverUrl(vendor), 1));
            }
        }
        CollectorTestSupport.send(requests.toArray(CollectionRequested[]::new));
        for (CollectionRequested request : requests) {
            assertThat(CollectorTestSupport.eventsOf(Topics.COLLECTION_OUTCOMES, request.requestId(), e -> !e.isEmpty()))
                    .hasSize(1);
        }

        StringBuilder everything = new StringBuilder();
        Path log = Path.of("target/collector-test.log");
        assertThat(log).exists();
        everything.append(Files.readString(log));
        for (String topic : List.of(Topics.COLLECTION_REQUESTS, Topics.METER_READINGS, Topics.COLLECTION_OUTCOMES,
                Topics.COLLECTION_REJECTED)) {
            for (ConsumerRecord<String, byte[]> record : CollectorTestSupport.readUntil(topic, r -> false,
                    Duration.ofSeconds(3))) {
                everything.append(record.key()).append(new String(record.value(), StandardCharsets.UTF_8));
                record.headers().forEach(h -> everything.append(new String(h.value(), StandardCharsets.UTF_8)));
            }
        }
        everything.append(given().get("/q/metrics").then().statusCode(200).extract().asString());

        assertThat(everything.length()).as("something was captured").isGreaterThan(10_000);
        // The search covers what this test produced: its requests' records and the failure log lines.
        assertThat(everything.toString()).contains(requests.get(requests.size() - 1).requestId().toString())
                .contains("AUTH_REJECTED");
        for (String secret : secrets) {
            assertThat(everything.indexOf(secret)).as("a credential leaked somewhere (value withheld)").isEqualTo(-1);
        }
    }
}
