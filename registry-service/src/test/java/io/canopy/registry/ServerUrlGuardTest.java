package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.CREDENTIALS;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * SSRF guard and credentials that stay with their host (issue #17): a dealer cannot point a server
 * at an internal address, and a URL-only PATCH cannot carry the stored credentials to another host.
 * The internal addresses below are refused before any connection is made, so no traffic leaves this
 * machine; {@link CollectorStub} proves collector was not even asked.
 */
@QuarkusTest
@TestProfile(StubCollectorProfile.class)
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
class ServerUrlGuardTest {

    static final VendorType VENDOR = VendorType.MPS_MONITOR;
    static final String URL_A = "http://" + StubCollectorProfile.VENDOR_A + "/mps_monitor/greenleaf-mps";
    static final String URL_B = "http://" + StubCollectorProfile.VENDOR_B + "/mps_monitor/greenleaf-mps";

    final CollectorStub collector = CollectorStub.shared();

    @BeforeEach
    void acceptingCollector() {
        collector.reset(CollectorStub.Mode.ACCEPT);
    }

    static Map<String, Object> server(String url) {
        return Map.of("type", VENDOR.wireName(), "url", url, "credentials", CREDENTIALS.get(VENDOR));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.2:40001/mps", "http://10.0.0.1/mps", "https://192.168.1.10/mps",
            "http://169.254.169.254/latest/meta-data", "http://[::1]:40001/mps", "http://[fd00::1]/mps",
            "http://0.0.0.0:40001/mps", "http://[::ffff:10.0.0.1]/mps", "http://224.0.0.1/mps" })
    void aServerOnAnInternalAddressIsRefusedNamingUrlBeforeCollectorIsAsked(String url) {
        var dealer = newDealer("SSRF " + url);
        dealer.api().body(server(url)).post("/v1/servers").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("url"))
                .body("detail", containsString("public internet"));
        assertThat(collector.requests()).isEmpty();
        dealer.api().get("/v1/servers").then().body("total", equalTo(0));
    }

    @Test
    void aLoopbackPortThatIsNotOnTheAllowListIsRefused() {
        var dealer = newDealer("SSRF other port");
        // the allow-list names host AND port: another service on 127.0.0.1 (here the collector itself) is not a vendor
        dealer.api().body(server(collector.url() + "/internal/v1/checks")).post("/v1/servers").then().statusCode(400)
                .body("field", equalTo("url"));
        assertThat(collector.requests()).isEmpty();
    }

    @Test
    void theAllowListedAddressIsRegistered() {
        var dealer = newDealer("SSRF allowed");
        dealer.api().body(server(URL_A)).post("/v1/servers").then().statusCode(201).body("url", equalTo(URL_A));
        assertThat(collector.requests()).singleElement().asString().contains(URL_A);
    }

    @Test
    void aPatchToAnInternalAddressIsRefusedEvenWithCredentials() {
        var dealer = newDealer("SSRF patch");
        UUID id = registered(dealer);
        dealer.api().body(Map.of("url", "http://10.0.0.1/mps", "credentials", CREDENTIALS.get(VENDOR)))
                .patch("/v1/servers/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("url"));
        assertThat(collector.requests()).isEmpty();
        dealer.api().get("/v1/servers/" + id).then().body("url", equalTo(URL_A));
    }

    @Test
    void aNewHostOrPortWithoutCredentialsIs400NamingCredentialsAndNothingIsSentThere() {
        var dealer = newDealer("New host");
        UUID id = registered(dealer);
        dealer.api().body(Map.of("url", URL_B)).patch("/v1/servers/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("credentials"))
                .body(not(containsString(CREDENTIALS.get(VENDOR).get("dealer_token"))));
        // the stored (sealed) credentials never went towards the new address
        assertThat(collector.requests()).isEmpty();
        dealer.api().get("/v1/servers/" + id).then().body("url", equalTo(URL_A));
    }

    @Test
    void aNewHostWithItsCredentialsIsCheckedWithThoseCredentials() {
        var dealer = newDealer("New host with credentials");
        UUID id = registered(dealer);
        dealer.api().body(Map.of("url", URL_B, "credentials", CREDENTIALS.get(VENDOR))).patch("/v1/servers/" + id)
                .then().statusCode(200).body("url", equalTo(URL_B));
        assertThat(collector.requests()).singleElement().asString().contains(URL_B).contains("dealer_token")
                .doesNotContain("sealed_credentials\":{");
    }

    @Test
    void aNewPathOnTheSameHostKeepsTheStoredCredentials() {
        var dealer = newDealer("New path");
        UUID id = registered(dealer);
        String newPath = "http://" + StubCollectorProfile.VENDOR_A + "/mps_monitor/v2";
        dealer.api().body(Map.of("url", newPath)).patch("/v1/servers/" + id).then().statusCode(200)
                .body("url", equalTo(newPath));
        assertThat(collector.requests()).singleElement().asString().contains(newPath).contains("sealed_credentials\":{");
    }

    private UUID registered(RegistryTestSupport.Dealer dealer) {
        UUID id = UUID.fromString(dealer.api().body(server(URL_A)).post("/v1/servers").then().statusCode(201).extract()
                .path("id"));
        collector.reset(CollectorStub.Mode.ACCEPT);
        return id;
    }
}
