package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.CREDENTIALS;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static io.canopy.registry.RegistryTestSupport.refusedCredentials;
import static io.canopy.registry.RegistryTestSupport.serverBody;
import static io.canopy.registry.RegistryTestSupport.serverUrl;
import static io.canopy.registry.RegistryTestSupport.wrongSecret;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Servers for every vendor, registered through the real collector against the simulator:
 * shape validation first, then the vendor's verdict, then sealing.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class ServerResourceTest {

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void aServerWithTheVendorsAcceptedCredentialsIsRegisteredHealthyWithoutEchoingThem(VendorType vendor) {
        var dealer = newDealer("Servers " + vendor);
        String id = dealer.api().body(serverBody(vendor)).post("/v1/servers").then().statusCode(201)
                .body("type", equalTo(vendor.wireName())).body("url", equalTo(serverUrl(vendor)))
                .body("max_concurrency", equalTo(1)).body("health_check", equalTo("healthy"))
                .body("health_check_checked_at", notNullValue()).body("credentials", equalTo(null))
                .body(not(containsString(CREDENTIALS.get(vendor).values().iterator().next())))
                .extract().path("id");
        dealer.api().get("/v1/servers/" + id).then().statusCode(200).body("credentials", equalTo(null));
        dealer.api().get("/v1/servers").then().statusCode(200).body("total", equalTo(1)).body("data[0].id", equalTo(id));
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void credentialsTheVendorRejectsGet422WithTheVendorsReasonAndNothingIsSaved(VendorType vendor) {
        var dealer = newDealer("Rejected " + vendor);
        Map<String, String> wrong = refusedCredentials(vendor);
        dealer.api().body(Map.of("type", vendor.wireName(), "url", serverUrl(vendor), "credentials", wrong))
                .post("/v1/servers").then().statusCode(422).contentType("application/problem+json")
                .body("kind", equalTo("AUTH_REJECTED")).body("field", equalTo("credentials"))
                .body("detail", containsString("the vendor refused"))
                .body(not(containsString(wrongSecret(vendor).getValue())));
        dealer.api().get("/v1/servers").then().statusCode(200).body("total", equalTo(0));
    }

    static Stream<Arguments> malformedCredentials() {
        return Stream.of(
                Arguments.of(VendorType.MPS_MONITOR, Map.of("dealer_token", "not-a-uuid"), "credentials.dealer_token"),
                Arguments.of(VendorType.MPS_MONITOR, Map.of(), "credentials"),
                Arguments.of(VendorType.ONESTOP, Map.of("username", "copyright-api"), "credentials.password"),
                Arguments.of(VendorType.PRINT_TRACKER, Map.of("entity_id", "5f1e0c2a9b8d", "api_key",
                        "0d6e2f1a-8b7c-4d5e-9f0a-1b2c3d4e5f60"), "credentials.entity_id"),
                Arguments.of(VendorType.PRINT_TRACKER, Map.of("entity_id", "5f1e0c2a9b8d7e6f5a4b3c2d", "api_key", "abc"),
                        "credentials.api_key"),
                Arguments.of(VendorType.PRINTERPOINT, Map.of("api_token", " "), "credentials.api_token"),
                Arguments.of(VendorType.PRINTANISTA, Map.of("username", "u", "password", "p", "api_key", "k", "extra", "x"),
                        "credentials.extra"));
    }

    @ParameterizedTest
    @MethodSource("malformedCredentials")
    void malformedCredentialsAre400NamingTheField(VendorType vendor, Map<String, String> credentials, String field) {
        var dealer = newDealer("Shapes");
        dealer.api().body(Map.of("type", vendor.wireName(), "url", serverUrl(vendor), "credentials", credentials))
                .post("/v1/servers").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(field));
    }

    @Test
    void badServerFieldsAre400NamingTheField() {
        var dealer = newDealer("Bad servers");
        dealer.api().body(Map.of("type", "xerox", "url", "https://x.example", "credentials", Map.of("a", "b")))
                .post("/v1/servers").then().statusCode(400).body("field", equalTo("type"));
        dealer.api().body(Map.of("type", "onestop", "credentials", CREDENTIALS.get(VendorType.ONESTOP)))
                .post("/v1/servers").then().statusCode(400).body("field", equalTo("url"));
        dealer.api().body(Map.of("type", "onestop", "url", "ftp://x.example", "credentials",
                CREDENTIALS.get(VendorType.ONESTOP))).post("/v1/servers").then().statusCode(400).body("field", equalTo("url"));
        Map<String, Object> body = new HashMap<>(serverBody(VendorType.PRINTERPOINT));
        body.put("max_concurrency", 0);
        dealer.api().body(body).post("/v1/servers").then().statusCode(400).body("field", equalTo("max_concurrency"));
        body.put("max_concurrency", "two");
        dealer.api().body(body).post("/v1/servers").then().statusCode(400).body("field", equalTo("max_concurrency"));
        body.remove("max_concurrency");
        body.put("colour", "green");
        dealer.api().body(body).post("/v1/servers").then().statusCode(400).body("field", equalTo("colour"));
    }

    @Test
    void customersAreTheVendorsListThroughTheSealedCredentials() {
        var dealer = newDealer("Discovery");
        var server = RegistryTestSupport.createServer(dealer, VendorType.MPS_MONITOR);
        List<String> ids = dealer.api().get("/v1/servers/" + server + "/customers").then().statusCode(200)
                .body("data.external_id", hasItem("EA45CEF3D8EF6D0F")).extract().jsonPath()
                .getList("data.external_id", String.class);
        assertThat(ids).hasSize(VendorSimulatorResource.current().world().server("mps_monitor", "greenleaf-mps")
                .orElseThrow().customers().size());
    }

    @Test
    void updatesRecheckNewCredentialsAndKeepTheTypeFixed() {
        var dealer = newDealer("Updates");
        var server = RegistryTestSupport.createServer(dealer, VendorType.ONESTOP);
        dealer.api().body(Map.of("contact", "ops@copyright.example", "max_concurrency", 2)).patch("/v1/servers/" + server)
                .then().statusCode(200).body("contact", equalTo("ops@copyright.example")).body("max_concurrency", equalTo(2));
        dealer.api().body(Map.of("credentials", Map.of("username", "copyright-api", "password", "Wrong-Pa55word")))
                .patch("/v1/servers/" + server).then().statusCode(422).body("kind", equalTo("AUTH_REJECTED"));
        dealer.api().body(Map.of("credentials", CREDENTIALS.get(VendorType.ONESTOP))).patch("/v1/servers/" + server)
                .then().statusCode(200);
        dealer.api().body(Map.of("type", "printanista")).patch("/v1/servers/" + server).then().statusCode(400)
                .body("field", equalTo("type"));
        // the stored (sealed) credentials still open the vendor: discovery works after the updates
        dealer.api().get("/v1/servers/" + server + "/customers").then().statusCode(200).body("data.external_id",
                hasItem("1042"));
        dealer.api().delete("/v1/servers/" + server).then().statusCode(204);
        dealer.api().get("/v1/servers/" + server).then().statusCode(404);
    }

    @Test
    void aServerWithFeedsCannotBeDeleted() {
        var dealer = newDealer("Delete guard");
        var server = RegistryTestSupport.createServer(dealer, VendorType.PRINTERPOINT);
        var account = RegistryTestSupport.createAccount(dealer, "Poplar Studios");
        RegistryTestSupport.createFeed(dealer, account, server, "88001", "2026-02-01");
        dealer.api().delete("/v1/servers/" + server).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void theApiDocumentListsEveryVendorTypeWithItsCredentialFieldsFromTheDescriptors() {
        var doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getList("components.schemas.CreateServer.properties.type.enum"))
                .containsExactlyElementsOf(VendorDescriptor.wireNames());
        String credentials = doc.getString("components.schemas.CreateServer.properties.credentials.description");
        String externalId = doc.getString("components.schemas.CreateFeed.properties.external_id.description");
        String scope = doc.getString("components.schemas.CreateFeed.properties.collection_scope.description");
        for (VendorDescriptor vendor : VendorDescriptor.all()) {
            assertThat(credentials).contains(vendor.type().wireName() + " {" + vendor.credentialsInWords() + "}");
            assertThat(externalId).contains(vendor.type().wireName() + " " + vendor.customerIdInWords());
            assertThat(scope.contains(vendor.type().wireName())).as("scope description names %s", vendor.type())
                    .isEqualTo(vendor.supportsCollectionScope());
        }
    }
}
