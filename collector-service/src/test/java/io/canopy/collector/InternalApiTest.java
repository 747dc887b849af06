package io.canopy.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.canopy.collector.client.VendorAdapter;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The internal API registry calls: credential checks and customer discovery, against the simulator. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class InternalApiTest {

    static final String TOKEN = "Bearer test-service-token";

    @Inject
    Instance<VendorAdapter> adapters;

    /** Adding a vendor = descriptor + adapter + simulator API: this fails until the adapter is there. */
    @Test
    void everyVendorTypeHasExactlyOneAdapterBean() {
        Map<VendorType, Long> byVendor = adapters.stream()
                .collect(Collectors.groupingBy(VendorAdapter::vendor, Collectors.counting()));
        for (VendorType type : VendorType.values()) {
            assertThat(byVendor.get(type)).as("VendorAdapter beans for %s", type).isEqualTo(1L);
        }
    }

    static RequestSpecification internal() {
        return given().header("Authorization", TOKEN).contentType(ContentType.JSON);
    }

    static Map<String, Object> server(VendorType vendor, Map<String, String> credentials) {
        return Map.of("type", vendor.wireName(), "url", CollectorTestSupport.serverUrl(vendor), "credentials", credentials);
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void validCredentialsPassTheCheck(VendorType vendor) {
        internal().body(server(vendor, CollectorTestSupport.CREDENTIALS.get(vendor))).post("/internal/v1/checks")
                .then().statusCode(200).body("ok", equalTo(true));
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void wrongCredentialsAreAuthRejectedWithTheVendorsReasonAndWithoutTheSecret(VendorType vendor) {
        Map<String, String> wrong = new HashMap<>(CollectorTestSupport.CREDENTIALS.get(vendor));
        Map.Entry<String, String> wrongSecret = CollectorTestSupport.wrongSecret(vendor);
        wrong.put(wrongSecret.getKey(), wrongSecret.getValue());
        internal().body(server(vendor, wrong)).post("/internal/v1/checks")
                .then().statusCode(200).body("ok", equalTo(false)).body("kind", equalTo("AUTH_REJECTED"))
                .body("reason", not(equalTo(null)))
                .body(not(containsString(wrongSecret.getValue())));
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void discoveryListsTheVendorsCustomers(VendorType vendor) {
        List<String> ids = internal().body(server(vendor, CollectorTestSupport.CREDENTIALS.get(vendor)))
                .post("/internal/v1/customers").then().statusCode(200).extract().jsonPath()
                .getList("customers.external_id", String.class);
        // Printanista lists only the accounts on which the dealer granted the integration.
        Set<String> truth = VendorSimulatorResource.current().world()
                .server(vendor.wireName(), CollectorTestSupport.SERVER_NAMES.get(vendor)).orElseThrow().customers()
                .stream().filter(c -> vendor != VendorType.PRINTANISTA || !c.reports().isEmpty())
                .map(c -> c.id()).collect(Collectors.toSet());
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        assertThat(Set.copyOf(ids)).isEqualTo(truth);
    }

    @Test
    void discoveryWithRefusedCredentialsIsA422NamingTheKind() {
        internal().body(server(VendorType.PRINTERPOINT, Map.of("api_token", "pp-0000000000000000wrong")))
                .post("/internal/v1/customers").then().statusCode(422).contentType("application/problem+json")
                .body("kind", equalTo("AUTH_REJECTED")).body(not(containsString("0000000000000000wrong")));
    }

    @Test
    void sealedCredentialsAreOpenedOnlyWithTheirServer() {
        UUID serverId = UUID.randomUUID();
        var sealed = CollectorTestSupport.SEALER.seal(serverId, CollectorTestSupport.CREDENTIALS.get(VendorType.ONESTOP));
        Map<String, Object> body = Map.of("type", "onestop", "url", CollectorTestSupport.serverUrl(VendorType.ONESTOP),
                "server_id", serverId.toString(), "sealed_credentials", Map.of("key_id", sealed.keyId(), "algorithm",
                        sealed.algorithm(), "ciphertext", sealed.ciphertext()));
        internal().body(body).post("/internal/v1/checks").then().statusCode(200).body("ok", equalTo(true));

        Map<String, Object> otherServer = new HashMap<>(body);
        otherServer.put("server_id", UUID.randomUUID().toString());
        internal().body(otherServer).post("/internal/v1/checks").then().statusCode(400)
                .body("field", equalTo("sealed_credentials"));

        Map<String, Object> noServer = new HashMap<>(body);
        noServer.remove("server_id");
        internal().body(noServer).post("/internal/v1/checks").then().statusCode(400).body("field", equalTo("server_id"));
    }

    @Test
    void withoutTheServiceTokenNothingPasses() {
        given().contentType(ContentType.JSON).body(server(VendorType.ONESTOP, CollectorTestSupport.CREDENTIALS
                .get(VendorType.ONESTOP))).post("/internal/v1/checks").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer not-the-token").contentType(ContentType.JSON)
                .body(server(VendorType.ONESTOP, CollectorTestSupport.CREDENTIALS.get(VendorType.ONESTOP)))
                .post("/internal/v1/customers").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        internal().body(Map.of("type", "xerox", "url", "https://x.example", "credentials", Map.of()))
                .post("/internal/v1/checks").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("type"));
        internal().body(Map.of("type", "onestop", "credentials", Map.of("username", "u", "password", "p")))
                .post("/internal/v1/checks").then().statusCode(400).body("field", equalTo("url"));
        internal().body(Map.of("type", "onestop", "url", "https://x.example")).post("/internal/v1/checks").then()
                .statusCode(400).body("field", equalTo("credentials"));
        internal().body("{\"type\": ").post("/internal/v1/checks").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("body"));
    }
}
