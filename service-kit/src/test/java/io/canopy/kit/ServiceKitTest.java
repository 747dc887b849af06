package io.canopy.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.canopy.localstack.testing.TopicContents;

@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "kit"))
class ServiceKitTest {

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static Map<String, Object> deposit(UUID depositId, UUID accountId, long pages) {
        return Map.of("depositId", depositId.toString(), "accountId", accountId.toString(), "pages", pages);
    }

    @Test
    void aCommittedEventReachesKafkaOnceWithCloudEventsHeadersAndItsKey() throws Exception {
        UUID depositId = UUID.randomUUID();
        UUID accountId = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(deposit(depositId, accountId, 120)).post("/deposits")
                .then().statusCode(200).body("added", equalTo(true));
        given().contentType(ContentType.JSON).body(deposit(depositId, accountId, 120)).post("/deposits")
                .then().statusCode(200).body("added", equalTo(false));

        awaitPublished(depositId);
        List<ConsumerRecord<String, byte[]>> records = recordsOf(depositId);
        assertThat(records).as("one record for one event id, however often it was appended").hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.key()).isEqualTo(accountId.toString());
        assertThat(EventRecords.header(record, "ce_type")).contains("io.canopy.DepositRecorded.v1");
        assertThat(EventRecords.header(record, "ce_source")).contains("/canopy/service-kit-test");
        assertThat(EventRecords.header(record, "ce_specversion")).contains("1.0");
        DepositRecorded event = (DepositRecorded) EventRecords.decode(record);
        assertThat(event.standardPages()).isEqualTo(120);
    }

    @Test
    void theRecordContinuesTheTraceOfTheRequestThatAppendedTheEvent() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        UUID traced = UUID.randomUUID();
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").contentType(ContentType.JSON)
                .body(deposit(traced, UUID.randomUUID(), 7)).post("/deposits").then().statusCode(200);
        UUID untraced = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(deposit(untraced, UUID.randomUUID(), 8)).post("/deposits")
                .then().statusCode(200);

        awaitPublished(traced);
        awaitPublished(untraced);
        String carried = EventRecords.header(recordsOf(traced).get(0), "traceparent").orElseThrow();
        assertThat(carried).as("same trace, the server span of the request as parent")
                .startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7").endsWith("-01");
        String own = EventRecords.header(recordsOf(untraced).get(0), "traceparent").orElseThrow();
        assertThat(own).as("a request without a trace starts one, unsampled by default (sampler ratio 0)")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00").doesNotContain(traceId);
    }

    @Test
    void aPoisonOutboxRowIsParkedAndTheRowsBehindItArePublished() throws Exception {
        String poison = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload)
                VALUES (?, ?, 'k', 'io.canopy.DepositRecorded.v1', '{"notADeposit": true}'::jsonb)""")) {
            insert.setString(1, poison);
            insert.setString(2, KitTestResource.TOPIC);
            insert.executeUpdate();
        }
        UUID behind = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(deposit(behind, UUID.randomUUID(), 9)).post("/deposits")
                .then().statusCode(200);

        awaitPublished(behind);
        assertThat(recordsOf(behind)).hasSize(1);
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT parked_at IS NOT NULL, parked_reason, published_at IS NULL FROM outbox_event WHERE event_id = ?")) {
            q.setString(1, poison);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("parked").isTrue();
                assertThat(rs.getString(2)).isNotBlank();
                assertThat(rs.getBoolean(3)).as("never published").isTrue();
            }
        }
        given().get("/q/metrics").then().statusCode(200).body(containsString("canopy_outbox_parked_total"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aRolledBackTransactionLeavesNoEventBehind() throws Exception {
        UUID depositId = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(deposit(depositId, UUID.randomUUID(), 5)).post("/deposits?fail=true")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(rowCount(depositId)).isZero();
    }

    @Test
    void appendingOutsideATransactionIsRefused() throws Exception {
        UUID depositId = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(deposit(depositId, UUID.randomUUID(), 5))
                .post("/deposits/without-transaction").then().statusCode(500)
                .body(not(containsString("Outbox"))).body("detail", containsString("the request could not be completed"));
        assertThat(rowCount(depositId)).isZero();
    }

    @Test
    void aMessageIsConsumedOnlyTheFirstTime() {
        String id = UUID.randomUUID().toString();
        given().post("/consumed/" + id).then().statusCode(200).body("first", equalTo(true));
        given().post("/consumed/" + id).then().statusCode(200).body("first", equalTo(false));
    }

    @Test
    void invalidInputIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("depositId", UUID.randomUUID().toString(), "accountId",
                UUID.randomUUID().toString(), "pages", 0)).post("/deposits")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("pages"))
                .body("errors[0].field", equalTo("pages"));
        given().contentType(ContentType.JSON).body(Map.of("timeZone", "UTC")).post("/accounts")
                .then().statusCode(400).body("field", equalTo("name"));
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/accounts")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        given().contentType(ContentType.JSON).body("{\"depositId\": \"not-a-uuid\", \"pages\": 3}").post("/deposits")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("depositId"))
                .body("detail", containsString("not-a-uuid"));
        given().get("/things?page=0").then().statusCode(400).body("field", equalTo("page"));
        given().get("/things?per_page=1000").then().statusCode(400).body("field", equalTo("per_page"));
        given().get("/things?page=2&per_page=2").then().statusCode(200).body("total", equalTo(7))
                .body("has_more", equalTo(true)).body("per_page", equalTo(2));
        given().get("/no/such/thing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void pagingBeyondTheLastAllowedPageIsA400NotAnOverflow() {
        // (4294970 - 1) * 500 overflows an int: it was a 500 before the page bound and the long offset.
        given().get("/things?page=4294970&per_page=500").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("page"));
        given().get("/things?page=99999999999999999999").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("page"));
        given().get("/things?per_page=abc").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("per_page"));
        given().get("/things?page=" + io.canopy.kit.api.Page.MAX_PAGE + "&per_page=500").then().statusCode(200);
        assertThat(io.canopy.kit.api.Page.request(io.canopy.kit.api.Page.MAX_PAGE, 500).offset())
                .isEqualTo((io.canopy.kit.api.Page.MAX_PAGE - 1L) * 500);
    }

    @Test
    void malformedTypedParametersAreA400NamingTheParameter() {
        given().get("/things/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id")).body("detail", containsString("not-a-uuid"));
        // UUID.fromString accepts this short form; a client that sends it has a bug, so it is refused.
        given().get("/things/1-1-1-1-1").then().statusCode(400).body("field", equalTo("id"));
        // A blank segment is not an absent id: it reached the store as null and was a 500 (OpenApiFuzz).
        given().get("/things/%20").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id"));
        UUID id = UUID.randomUUID();
        given().get("/things/" + id + "?since=2026-13-40").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("since"));
        given().get("/things/" + id + "?kind=nonsense").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("kind"));
        given().get("/things/" + id + "?since=2026-02-01&kind=regular").then().statusCode(200)
                .body("id", equalTo(id.toString())).body("since", equalTo("2026-02-01")).body("kind", equalTo("REGULAR"));
    }

    @Test
    void unreadableBodiesAndWrongMethodsOrMediaTypesAreProblems() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        given().contentType(ContentType.JSON).body(deep).post("/accounts").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("body"));
        // PostgreSQL cannot store NUL in text: it was a 500 once it reached the database (OpenApiFuzz).
        given().contentType(ContentType.JSON).body("{\"name\": \"a\\u0000b\", \"timeZone\": \"UTC\"}").post("/accounts")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("name"));
        given().contentType(ContentType.TEXT).body("x").post("/accounts").then().statusCode(415)
                .contentType("application/problem+json");
        given().delete("/accounts").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void theAdminApiTakesOnlyTheOperatorToken() {
        given().get("/admin/v1/ping").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").get("/admin/v1/ping").then().statusCode(401);
        given().header("Authorization", DealerTokens.bearer(UUID.randomUUID())).get("/admin/v1/ping").then()
                .statusCode(401);
        given().header("Authorization", "Bearer test-admin-token").get("/admin/v1/ping").then().statusCode(200)
                .body("pong", equalTo("admin"));
    }

    @Test
    void dealerEndpointsKnowTheDealerFromAVerifiedToken() {
        UUID dealer = UUID.randomUUID();
        given().get("/v1/me").then().statusCode(401);
        given().header("Authorization", "Bearer test-admin-token").get("/v1/me").then().statusCode(401);
        given().header("Authorization", "Bearer " + DealerTokens.expiredForDealer(dealer)).get("/v1/me").then()
                .statusCode(401);
        given().header("Authorization", DealerTokens.bearer(dealer)).get("/v1/me").then().statusCode(200)
                .body("dealer_id", equalTo(dealer.toString()));
    }

    private long rowCount(UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE event_id = ?")) {
            q.setString(1, eventId.toString());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void awaitPublished(UUID eventId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                    "SELECT published_at IS NOT NULL FROM outbox_event WHERE event_id = ?")) {
                q.setString(1, eventId.toString());
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("event " + eventId + " was not published within 60 s");
    }

    /** Every record of the topic up to its current end whose ce_id is the event id. */
    private List<ConsumerRecord<String, byte[]>> recordsOf(UUID eventId) {
        return TopicContents.read(bootstrap, KitTestResource.TOPIC, Duration.ofSeconds(30)).stream()
                .filter(record -> EventRecords.id(record).map(eventId.toString()::equals).orElse(false)).toList();
    }
}
