package io.canopy.collector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The production default: a plain http:// vendor URL is refused before any byte is sent. */
@QuarkusTest
@TestProfile(HttpsOnlyTest.ProductionTransport.class)
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class HttpsOnlyTest {

    public static class ProductionTransport implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("canopy.collector.allow-insecure-http", "false");
        }
    }

    @Test
    void aPlainHttpVendorUrlIsRefusedAndTheVendorNeverCalled() {
        VendorSimulatorResource.current().requestLog().clear();
        given().header("Authorization", InternalApiTest.TOKEN).contentType(ContentType.JSON)
                .body(InternalApiTest.server(VendorType.MPS_MONITOR, CollectorTestSupport.CREDENTIALS.get(VendorType.MPS_MONITOR)))
                .post("/internal/v1/checks").then().statusCode(200).body("ok", equalTo(false))
                .body("reason", containsString("https://"));
        org.assertj.core.api.Assertions.assertThat(VendorSimulatorResource.current().requestLog().entries(null)).isEmpty();
    }
}
