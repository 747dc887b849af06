package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.newDealer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Customer accounts: CRUD, paging, activation, and every kind of bad input as a named 4xx. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class AccountResourceTest {

    @Test
    void accountsAreCreatedReadUpdatedAndPaged() {
        var dealer = newDealer("Accounts");
        String parent = dealer.api().body(Map.of("name", "Acme Group", "time_zone", "Europe/London")).post("/v1/accounts")
                .then().statusCode(201).body("status", equalTo("active")).body("activated_at", notNullValue())
                .body("time_zone", equalTo("Europe/London")).extract().path("id");
        String child = dealer.api().body(Map.of("name", "Acme Ltd", "parent_id", parent)).post("/v1/accounts").then()
                .statusCode(201).body("parent_id", equalTo(parent)).body("time_zone", equalTo("UTC")).extract().path("id");
        dealer.api().body(Map.of("name", "Acme Limited", "time_zone", "America/New_York")).patch("/v1/accounts/" + child)
                .then().statusCode(200).body("name", equalTo("Acme Limited")).body("time_zone", equalTo("America/New_York"));
        dealer.api().get("/v1/accounts/" + child).then().statusCode(200).body("name", equalTo("Acme Limited"));
        for (int i = 0; i < 3; i++) {
            dealer.api().body(Map.of("name", "Branch " + i)).post("/v1/accounts").then().statusCode(201);
        }
        dealer.api().get("/v1/accounts?page=1&per_page=2").then().statusCode(200).body("data", hasSize(2))
                .body("total", equalTo(5)).body("has_more", equalTo(true)).body("data[0].id", equalTo(parent));
        dealer.api().get("/v1/accounts?page=3&per_page=2").then().statusCode(200).body("data", hasSize(1))
                .body("has_more", equalTo(false));
    }

    @Test
    void deactivateAndActivateStampTheirTimes() {
        var dealer = newDealer("Activation");
        String id = RegistryTestSupport.createAccount(dealer, "Birchwood").toString();
        dealer.api().post("/v1/accounts/" + id + "/deactivate").then().statusCode(200).body("status", equalTo("inactive"))
                .body("deactivated_at", notNullValue());
        dealer.api().get("/v1/accounts?status=inactive").then().body("total", equalTo(1));
        dealer.api().post("/v1/accounts/" + id + "/activate").then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        var dealer = newDealer("Bad accounts");
        dealer.api().body(Map.of("name", "")).post("/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("name"));
        dealer.api().body(Map.of("name", "X", "time_zone", "Mars/Olympus")).post("/v1/accounts").then().statusCode(400)
                .body("field", equalTo("time_zone"));
        dealer.api().body(Map.of("name", "X", "parent_id", "not-a-uuid")).post("/v1/accounts").then().statusCode(400)
                .body("field", equalTo("parent_id"));
        dealer.api().body(Map.of("name", "X", "parent_id", java.util.UUID.randomUUID().toString())).post("/v1/accounts")
                .then().statusCode(400).body("field", equalTo("parent_id"));
        dealer.api().body(Map.of("name", "X", "nickname", "y")).post("/v1/accounts").then().statusCode(400)
                .body("field", equalTo("nickname"));
        dealer.api().body(Map.of("name", 42, "status", "sleeping")).post("/v1/accounts").then().statusCode(400)
                .body("field", equalTo("status"));
        dealer.api().body("{\"name\": ").post("/v1/accounts").then().statusCode(400).body("field", equalTo("body"));
        dealer.api().contentType(ContentType.JSON).post("/v1/accounts").then().statusCode(400);
        dealer.api().body("{\"name\": \"" + "x".repeat(70_000) + "\"}").post("/v1/accounts").then().statusCode(413)
                .contentType("application/problem+json").body("field", equalTo("body"));
        dealer.api().get("/v1/accounts?per_page=100000").then().statusCode(400).body("field", equalTo("per_page"));
        dealer.api().get("/v1/accounts/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("field", org.hamcrest.Matchers.equalTo("id"));
    }

    @Test
    void anAccountCannotBecomeItsOwnAncestor() {
        var dealer = newDealer("Cycles");
        String a = RegistryTestSupport.createAccount(dealer, "A").toString();
        String b = dealer.api().body(Map.of("name", "B", "parent_id", a)).post("/v1/accounts").then().statusCode(201)
                .extract().path("id");
        dealer.api().body(Map.of("parent_id", b)).patch("/v1/accounts/" + a).then().statusCode(400)
                .body("field", equalTo("parent_id"));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        var dealer = newDealer("Idempotent");
        String first = dealer.api().header("Idempotency-Key", "create-acme").body(Map.of("name", "Acme"))
                .post("/v1/accounts").then().statusCode(201).extract().path("id");
        dealer.api().header("Idempotency-Key", "create-acme").body(Map.of("name", "Acme")).post("/v1/accounts").then()
                .statusCode(201).body("id", equalTo(first));
        dealer.api().header("Idempotency-Key", "create-acme").body(Map.of("name", "Other")).post("/v1/accounts").then()
                .statusCode(409).contentType("application/problem+json");
        dealer.api().get("/v1/accounts").then().body("total", equalTo(1));
    }
}
