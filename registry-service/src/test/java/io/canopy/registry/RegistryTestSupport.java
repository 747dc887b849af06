package io.canopy.registry;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.simulator.VendorSimulatorResource;
import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.scenario.ScenarioLoader;
import io.canopy.simulator.scenario.ServerSpec;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.canopy.localstack.testing.TestKafka;
import io.canopy.localstack.testing.TopicContents;

/** Drives registry the way a dealer and an operator do, and reads what reached Kafka. */
final class RegistryTestSupport {

    static final String ADMIN = "Bearer test-admin-token";

    /** The demo scenario (vendor-simulator/scenarios/demo.yaml): it has a server of every vendor. */
    private static final Scenario DEMO = ScenarioLoader.load("demo");

    /** The demo's first server of each vendor and its (simulated) credentials. */
    static final Map<VendorType, Map<String, String>> CREDENTIALS = DEMO.perVendor(ServerSpec::credentials);

    static final Map<VendorType, String> SERVER_NAMES = DEMO.perVendor(ServerSpec::name);

    /** A customer of each demo server (a valid external_id for a feed). */
    static final Map<VendorType, String> CUSTOMERS = DEMO.perVendor(s -> s.customers().get(0).id());

    /**
     * The vendor's credentials with its last secret field replaced by a well-formed value the
     * vendor will refuse (a sample of the field's format, never the demo's value).
     */
    static Map<String, String> refusedCredentials(VendorType vendor) {
        Map.Entry<String, String> wrong = wrongSecret(vendor);
        Map<String, String> credentials = new HashMap<>(CREDENTIALS.get(vendor));
        credentials.put(wrong.getKey(), wrong.getValue());
        return credentials;
    }

    /** The last secret credential field of a vendor and a well-formed value for it that is not the demo's. */
    static Map.Entry<String, String> wrongSecret(VendorType vendor) {
        VendorDescriptor.CredentialField field = VendorDescriptor.of(vendor).credentials().stream()
                .filter(VendorDescriptor.CredentialField::secret).reduce((first, second) -> second).orElseThrow();
        return Map.entry(field.name(), field.format().sample(424_242));
    }

    private RegistryTestSupport() {
    }

    /** A dealer as the API sees it: its id, its first API key and a JWT obtained with that key. */
    record Dealer(UUID id, String apiKey, String token) {
        RequestSpecification api() {
            return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
        }
    }

    static RequestSpecification admin() {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON);
    }

    static Dealer newDealer(String name) {
        var created = admin().body(Map.of("name", name)).post("/admin/v1/dealers").then().statusCode(201).extract()
                .jsonPath();
        String key = created.getString("api_key.key");
        String token = given().contentType(ContentType.JSON).body(Map.of("api_key", key)).post("/v1/auth/token").then()
                .statusCode(200).extract().path("access_token");
        return new Dealer(UUID.fromString(created.getString("dealer.id")), key, token);
    }

    /** A signed-in person: their user id and the JWT /v1/auth/login answered. */
    record User(UUID id, String email, String token) {
        RequestSpecification api() {
            return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
        }
    }

    /** An operator-created user of the dealer with a password (a dealer's first admin). */
    static UUID createUser(UUID dealerId, String email, String password, String role) {
        return UUID.fromString(admin().body(Map.of("email", email, "password", password, "role", role))
                .post("/admin/v1/dealers/" + dealerId + "/users").then().statusCode(201).extract().path("id"));
    }

    static User login(String email, String password) {
        var answer = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .post("/v1/auth/login").then().statusCode(200).extract().jsonPath();
        return new User(UUID.fromString(answer.getString("user.id")), email, answer.getString("access_token"));
    }

    /** A viewer of the dealer the way a person becomes one: invited, accepts, signs in. */
    static User viewerOf(Dealer dealer, String email, String password) {
        String token = dealer.api().body(Map.of("email", email, "role", "viewer")).post("/v1/users").then()
                .statusCode(201).extract().path("invitation_token");
        given().contentType(ContentType.JSON).body(Map.of("invitation_token", token, "password", password))
                .post("/v1/auth/invitations/accept").then().statusCode(200);
        return login(email, password);
    }

    /** An email no other test uses (emails are unique across dealers). */
    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@dealer.example";
    }

    static String serverUrl(VendorType vendor) {
        return VendorSimulatorResource.current().serverUrl(vendor.wireName(), SERVER_NAMES.get(vendor));
    }

    static Map<String, Object> serverBody(VendorType vendor) {
        return Map.of("type", vendor.wireName(), "url", serverUrl(vendor), "credentials", CREDENTIALS.get(vendor));
    }

    static UUID createServer(Dealer dealer, VendorType vendor) {
        return UUID.fromString(dealer.api().body(serverBody(vendor)).post("/v1/servers").then().statusCode(201)
                .extract().path("id"));
    }

    static UUID createAccount(Dealer dealer, String name) {
        return UUID.fromString(dealer.api().body(Map.of("name", name)).post("/v1/accounts").then().statusCode(201)
                .extract().path("id"));
    }

    static UUID createFeed(Dealer dealer, UUID account, UUID server, String externalId, String activationDate) {
        return UUID.fromString(dealer.api().body(Map.of("account_id", account.toString(), "server_id", server.toString(),
                "external_id", externalId, "activation_date", activationDate)).post("/v1/feeds").then().statusCode(201)
                .extract().path("id"));
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static Connection database() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    static void send(String topic, CanopyEvent event) {
        try (var producer = TestKafka.producer(bootstrap())) {
            var record = new ProducerRecord<String, byte[]>(topic, event.partitionKey(), EventJson.write(event));
            CloudEventHeaders.of(event, "/canopy/test", Instant.now()).forEach((k, v) -> record.headers().add(k, v));
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static CanopyEvent decode(ConsumerRecord<String, byte[]> record) {
        return EventJson.read(record.value(), header(record, CloudEventHeaders.TYPE));
    }

    /** Every record of the topic from the beginning, until the predicate holds or the timeout passes. */
    static List<ConsumerRecord<String, byte[]>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        return TestKafka.readUntil(bootstrap(), topic, timeout, done);
    }

    /** Everything on the topic right now (every partition read to its current end). */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicContents.read(bootstrap(), topic, Duration.ofSeconds(30));
    }
}
