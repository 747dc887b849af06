package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.CUSTOMERS;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Feeds: per-vendor customer id formats, collection scope only where the vendor has it, one active feed per customer. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class FeedResourceTest {

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void aFeedMapsAVendorCustomerToAnAccount(VendorType vendor) {
        var dealer = newDealer("Feeds " + vendor);
        UUID server = RegistryTestSupport.createServer(dealer, vendor);
        UUID account = RegistryTestSupport.createAccount(dealer, "Customer");
        dealer.api().body(Map.of("account_id", account.toString(), "server_id", server.toString(), "external_id",
                CUSTOMERS.get(vendor), "activation_date", "2026-01-15", "paper_basis", "a4")).post("/v1/feeds").then()
                .statusCode(201).body("external_id", equalTo(CUSTOMERS.get(vendor)))
                .body("activation_date", equalTo("2026-01-15")).body("paper_basis", equalTo("a4"))
                .body("status", equalTo("active")).body("collected_through", equalTo(null))
                .body("health_check", equalTo("healthy"))
                .body("collection_scope", equalTo(vendor == VendorType.ONESTOP || vendor == VendorType.PRINTERPOINT ? null
                        : "all"));
    }

    @ParameterizedTest
    @CsvSource({ "mps_monitor, ea45cef3d8ef6d0f", "mps_monitor, EA45CEF3D8EF6D0", "onestop, ACME", "print_tracker, 60a1b2c3",
            "printanista, ' '" })
    void aCustomerIdInTheWrongFormatIs400(String type, String externalId) {
        VendorType vendor = VendorType.fromWireName(type);
        var dealer = newDealer("Formats");
        UUID server = RegistryTestSupport.createServer(dealer, vendor);
        UUID account = RegistryTestSupport.createAccount(dealer, "Customer");
        dealer.api().body(Map.of("account_id", account.toString(), "server_id", server.toString(), "external_id",
                externalId)).post("/v1/feeds").then().statusCode(400).body("field", equalTo("external_id"));
    }

    @Test
    void collectionScopeIsRefusedForVendorsWithoutIt() {
        var dealer = newDealer("Scopes");
        UUID onestop = RegistryTestSupport.createServer(dealer, VendorType.ONESTOP);
        UUID mps = RegistryTestSupport.createServer(dealer, VendorType.MPS_MONITOR);
        UUID account = RegistryTestSupport.createAccount(dealer, "Customer");
        dealer.api().body(Map.of("account_id", account.toString(), "server_id", onestop.toString(), "external_id", "1042",
                "collection_scope", "managed_only")).post("/v1/feeds").then().statusCode(400)
                .body("field", equalTo("collection_scope"));
        dealer.api().body(Map.of("account_id", account.toString(), "server_id", mps.toString(), "external_id",
                "EA45CEF3D8EF6D0F", "collection_scope", "managed_only")).post("/v1/feeds").then().statusCode(201)
                .body("collection_scope", equalTo("managed_only"));
        dealer.api().body(Map.of("account_id", account.toString(), "server_id", mps.toString(), "external_id",
                "1B7D20C4F9A3E605", "collection_scope", "some")).post("/v1/feeds").then().statusCode(400)
                .body("field", equalTo("collection_scope"));
    }

    @Test
    void oneVendorCustomerHasAtMostOneActiveFeedPerServer() {
        var dealer = newDealer("Unique");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.MPS_MONITOR);
        UUID account = RegistryTestSupport.createAccount(dealer, "Customer");
        UUID first = RegistryTestSupport.createFeed(dealer, account, server, "EA45CEF3D8EF6D0F", "2026-02-01");
        Map<String, Object> again = Map.of("account_id", account.toString(), "server_id", server.toString(), "external_id",
                "EA45CEF3D8EF6D0F");
        dealer.api().body(again).post("/v1/feeds").then().statusCode(409).contentType("application/problem+json");
        dealer.api().post("/v1/feeds/" + first + "/deactivate").then().statusCode(200).body("status", equalTo("inactive"))
                .body("deactivated_at", notNullValue());
        String second = dealer.api().body(again).post("/v1/feeds").then().statusCode(201).extract().path("id");
        dealer.api().post("/v1/feeds/" + first + "/activate").then().statusCode(409);
        dealer.api().delete("/v1/feeds/" + second).then().statusCode(204);
        dealer.api().post("/v1/feeds/" + first + "/activate").then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void badFeedInputIsANamed400() {
        var dealer = newDealer("Bad feeds");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.PRINTERPOINT);
        UUID account = RegistryTestSupport.createAccount(dealer, "Customer");
        Map<String, Object> body = new HashMap<>(Map.of("account_id", account.toString(), "server_id", server.toString(),
                "external_id", "88001"));
        body.put("activation_date", "2026-13-40");
        dealer.api().body(body).post("/v1/feeds").then().statusCode(400).body("field", equalTo("activation_date"));
        body.put("activation_date", "2026-02-01");
        body.put("paper_basis", "legal");
        dealer.api().body(body).post("/v1/feeds").then().statusCode(400).body("field", equalTo("paper_basis"));
        body.remove("paper_basis");
        body.remove("account_id");
        dealer.api().body(body).post("/v1/feeds").then().statusCode(400).body("field", equalTo("account_id"));
    }

    @Test
    void aManualCollectionAnswers202WithTheDeterministicRequestId() {
        var dealer = newDealer("Manual");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.PRINT_TRACKER);
        UUID account = RegistryTestSupport.createAccount(dealer, "Customer");
        UUID feed = RegistryTestSupport.createFeed(dealer, account, server, CUSTOMERS.get(VendorType.PRINT_TRACKER),
                "2026-02-01");
        UUID expected = DeterministicIds.collectionRequest(feed, io.canopy.contracts.arithmetic.DateWindow.of(
                java.time.LocalDate.parse("2026-02-03"), java.time.LocalDate.parse("2026-02-05")),
                io.canopy.contracts.events.CollectionPurpose.MANUAL);
        dealer.api().body(Map.of("from", "2026-02-03", "to", "2026-02-05")).post("/v1/feeds/" + feed + "/collect").then()
                .statusCode(202).body("request_id", equalTo(expected.toString())).body("from", equalTo("2026-02-03"))
                .body("to", equalTo("2026-02-05"));
        dealer.api().body(Map.of("from", "2026-02-05", "to", "2026-02-03")).post("/v1/feeds/" + feed + "/collect").then()
                .statusCode(400).body("field", equalTo("to"));
        dealer.api().body(Map.of("from", "2026-01-01", "to", "2026-02-03")).post("/v1/feeds/" + feed + "/collect").then()
                .statusCode(400).body("field", equalTo("from"));
    }

    /**
     * Issue #16 §3: a dealer's manual window that ends after the business today would carry a future
     * as_of onto the deposits and move business time for everyone. It is refused, naming {@code to};
     * an accepted manual request carries business today, never its window end.
     */
    @Test
    void aManualWindowEndingAfterBusinessTodayIsRefusedNamingTo() {
        var dealer = newDealer("Future");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.PRINT_TRACKER);
        UUID account = RegistryTestSupport.createAccount(dealer, "Customer");
        UUID feed = RegistryTestSupport.createFeed(dealer, account, server, CUSTOMERS.get(VendorType.PRINT_TRACKER),
                "2026-02-01");
        dealer.api().body(Map.of("from", "2026-02-03", "to", "2999-01-01")).post("/v1/feeds/" + feed + "/collect").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("to"));
        String asOf = dealer.api().body(Map.of("from", "2026-02-01", "to", "2026-02-02")).post("/v1/feeds/" + feed + "/collect")
                .then().statusCode(202).extract().path("as_of");
        assertThat(java.time.LocalDate.parse(asOf)).as("business today, not the window end")
                .isAfter(java.time.LocalDate.parse("2026-02-02"));
    }
}
