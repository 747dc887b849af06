package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.newDealer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dealer B cannot list, get, update, delete, activate, deactivate or collect any of dealer A's
 * accounts, servers or feeds: always 404 (never 403, which would confirm the id exists), and A's
 * resources are untouched afterwards.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class TenancyTest {

    RegistryTestSupport.Dealer a;
    RegistryTestSupport.Dealer b;
    UUID account;
    UUID server;
    UUID feed;

    @BeforeEach
    void aOwnsAnAccountAServerAndAFeed() {
        a = newDealer("Dealer A");
        b = newDealer("Dealer B");
        account = RegistryTestSupport.createAccount(a, "A's customer");
        server = RegistryTestSupport.createServer(a, VendorType.PRINT_TRACKER);
        feed = RegistryTestSupport.createFeed(a, account, server, "60a1b2c3d4e5f60718293a4b", "2026-02-01");
    }

    @Test
    void accountsOfAnotherDealerAre404() {
        b.api().get("/v1/accounts/" + account).then().statusCode(404).contentType("application/problem+json");
        b.api().body(Map.of("name", "mine now")).patch("/v1/accounts/" + account).then().statusCode(404);
        b.api().post("/v1/accounts/" + account + "/deactivate").then().statusCode(404);
        b.api().post("/v1/accounts/" + account + "/activate").then().statusCode(404);
        b.api().get("/v1/accounts").then().statusCode(200).body("total", equalTo(0));
        b.api().body(Map.of("name", "child", "parent_id", account.toString())).post("/v1/accounts").then().statusCode(400)
                .body("field", equalTo("parent_id"));
        a.api().get("/v1/accounts/" + account).then().statusCode(200).body("name", equalTo("A's customer"))
                .body("status", equalTo("active"));
    }

    @Test
    void serversOfAnotherDealerAre404() {
        b.api().get("/v1/servers/" + server).then().statusCode(404);
        b.api().body(Map.of("contact", "b@example.com")).patch("/v1/servers/" + server).then().statusCode(404);
        b.api().delete("/v1/servers/" + server).then().statusCode(404);
        b.api().get("/v1/servers/" + server + "/customers").then().statusCode(404);
        b.api().get("/v1/servers").then().statusCode(200).body("total", equalTo(0));
        a.api().get("/v1/servers/" + server).then().statusCode(200).body("contact", equalTo(null));
    }

    @Test
    void feedsOfAnotherDealerAre404() {
        b.api().get("/v1/feeds/" + feed).then().statusCode(404);
        b.api().body(Map.of("paper_basis", "a4")).patch("/v1/feeds/" + feed).then().statusCode(404);
        b.api().post("/v1/feeds/" + feed + "/deactivate").then().statusCode(404);
        b.api().post("/v1/feeds/" + feed + "/activate").then().statusCode(404);
        b.api().post("/v1/feeds/" + feed + "/collect").then().statusCode(404);
        b.api().delete("/v1/feeds/" + feed).then().statusCode(404);
        b.api().get("/v1/feeds").then().statusCode(200).body("total", equalTo(0));
        b.api().get("/v1/feeds?account_id=" + account).then().statusCode(200).body("total", equalTo(0));
        a.api().get("/v1/feeds/" + feed).then().statusCode(200).body("paper_basis", equalTo("letter"))
                .body("status", equalTo("active"));
    }

    @Test
    void aFeedCannotBeBuiltOnAnotherDealersAccountOrServer() {
        UUID bAccount = RegistryTestSupport.createAccount(b, "B's customer");
        b.api().body(Map.of("account_id", bAccount.toString(), "server_id", server.toString(), "external_id",
                "60a1b2c3d4e5f60718293a4c")).post("/v1/feeds").then().statusCode(400).body("field", equalTo("server_id"));
        b.api().body(Map.of("account_id", account.toString(), "server_id", server.toString(), "external_id",
                "60a1b2c3d4e5f60718293a4c")).post("/v1/feeds").then().statusCode(400).body("field", equalTo("account_id"));
        a.api().get("/v1/feeds").then().body("data.external_id", not(hasItem("60a1b2c3d4e5f60718293a4c")));
    }

    @Test
    void aValidTokenForADealerRegistryDoesNotKnowWritesNothing() {
        String stranger = io.canopy.localstack.testing.DealerTokens.bearer(UUID.randomUUID());
        io.restassured.RestAssured.given().header("Authorization", stranger).contentType("application/json")
                .body(Map.of("name", "Nobody's customer", "time_zone", "UTC")).post("/v1/accounts").then()
                .statusCode(401).contentType("application/problem+json");
        io.restassured.RestAssured.given().header("Authorization", stranger).contentType("application/json")
                // the simulator's (allow-listed) URL: without the check this reaches the insert, never the internet
                .body(RegistryTestSupport.serverBody(VendorType.PRINT_TRACKER))
                .post("/v1/servers").then().statusCode(401).contentType("application/problem+json");
    }
}
