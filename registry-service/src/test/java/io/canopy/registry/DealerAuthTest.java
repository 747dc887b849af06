package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.admin;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Operator-created dealers, API keys shown once and stored hashed, and the JWTs every service verifies. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class DealerAuthTest {

    @Test
    void adminEndpointsRequireTheOperatorToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/admin/v1/dealers").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/admin/v1/dealers").then().statusCode(401);
        // a dealer JWT does not open /admin either
        given().header("Authorization", DealerTokens.bearer(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("name", "x")).post("/admin/v1/dealers").then().statusCode(401);
    }

    @Test
    void aNewDealersKeyIsShownOnceAndStoredOnlyAsASaltedHash() throws Exception {
        var created = admin().body(Map.of("name", "Greenleaf Print")).post("/admin/v1/dealers").then().statusCode(201)
                .body("dealer.name", equalTo("Greenleaf Print")).body("api_key.key", startsWith("ck_")).extract()
                .jsonPath();
        UUID dealerId = UUID.fromString(created.getString("dealer.id"));
        String key = created.getString("api_key.key");
        // ck_<32 hex key id>_<secret>; the base64url secret may itself contain '_'
        String secret = key.substring("ck_".length() + 32 + 1);
        assertThat(secret).hasSize(43);
        admin().get("/admin/v1/dealers/" + dealerId + "/api-keys").then().statusCode(200).body("$", hasSize(1))
                .body("[0].key", equalTo(null)).body(not(org.hamcrest.Matchers.containsString(secret)));
        try (var db = RegistryTestSupport.database();
                var rows = db.prepareStatement("SELECT * FROM api_key WHERE dealer_id = ?")) {
            rows.setObject(1, dealerId);
            try (ResultSet rs = rows.executeQuery()) {
                assertThat(rs.next()).isTrue();
                StringBuilder everything = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    everything.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                            + Base64.getEncoder().encodeToString(bytes) : String.valueOf(value));
                }
                assertThat(everything.toString()).doesNotContain(secret).doesNotContain(key);
                assertThat(rs.getBytes("secret_hash")).hasSize(32);
            }
        }
    }

    @Test
    void theTokenIsAnRs256JwtForTheDealerValidFifteenMinutes() throws Exception {
        var dealer = newDealer("Token Dealer");
        String[] parts = dealer.token().split("\\.");
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("canopy-registry");
        assertThat(claims.get("sub").asText()).isEqualTo(dealer.id().toString());
        assertThat(claims.get("dealer_id").asText()).isEqualTo(dealer.id().toString());
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("dealer");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(15 * 60);
        // and registry itself accepts it, like every other service would (public key only)
        dealer.api().get("/v1/accounts").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aWrongOrRevokedKeyGetsNoToken() {
        var dealer = newDealer("Rotating Dealer");
        given().contentType(ContentType.JSON).body(Map.of("api_key", dealer.apiKey() + "x")).post("/v1/auth/token").then()
                .statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("api_key", "not-a-key")).post("/v1/auth/token").then()
                .statusCode(401);
        // rotation: a second key works, then the first is revoked and stops working
        String second = dealer.api().header("X-Api-Key", dealer.apiKey()).body(Map.of("label", "ci")).post("/v1/api-keys")
                .then().statusCode(201)
                .body("key", startsWith("ck_")).extract().path("key");
        String firstId = dealer.api().get("/v1/api-keys").then().statusCode(200).body("$", hasSize(2)).extract()
                .path("find { it.label == 'initial' }.id");
        dealer.api().delete("/v1/api-keys/" + firstId).then().statusCode(200).body("revoked_at", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("api_key", dealer.apiKey())).post("/v1/auth/token").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("api_key", second)).post("/v1/auth/token").then()
                .statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(900));
    }

    @Test
    void mintingAKeyNeedsACurrentKeyOfTheDealerNotJustAToken() {
        var dealer = newDealer("Step-up Dealer");
        var other = newDealer("Other Dealer");
        // a JWT alone (e.g. a leaked one) cannot mint a lasting credential
        dealer.api().body(Map.of("label", "stolen")).post("/v1/api-keys").then().statusCode(403)
                .contentType("application/problem+json").body("field", equalTo("X-Api-Key"));
        dealer.api().header("X-Api-Key", "ck_not-a-key").body(Map.of()).post("/v1/api-keys").then().statusCode(403);
        dealer.api().header("X-Api-Key", other.apiKey()).body(Map.of()).post("/v1/api-keys").then().statusCode(403);
        dealer.api().get("/v1/api-keys").then().body("$", hasSize(1));
        // with its own current key it works; a revoked key does not
        String second = dealer.api().header("X-Api-Key", dealer.apiKey()).body(Map.of("label", "second"))
                .post("/v1/api-keys").then().statusCode(201).extract().path("key");
        String firstId = dealer.api().get("/v1/api-keys").then().extract().path("find { it.label == 'initial' }.id");
        dealer.api().delete("/v1/api-keys/" + firstId).then().statusCode(200);
        dealer.api().header("X-Api-Key", dealer.apiKey()).body(Map.of()).post("/v1/api-keys").then().statusCode(403);
        dealer.api().header("X-Api-Key", second).body(Map.of()).post("/v1/api-keys").then().statusCode(201);
        // the operator's route needs no dealer key
        admin().body(Map.of("label", "by operator")).post("/admin/v1/dealers/" + dealer.id() + "/api-keys").then()
                .statusCode(201);
    }

    @Test
    void v1NeedsAValidDealerToken() {
        given().get("/v1/accounts").then().statusCode(401);
        given().header("Authorization", "Bearer " + DealerTokens.expiredForDealer(UUID.randomUUID())).get("/v1/accounts")
                .then().statusCode(401);
        // the operator token is not a dealer credential
        given().header("Authorization", RegistryTestSupport.ADMIN).get("/v1/accounts").then().statusCode(401);
    }

    @Test
    void aDealerCannotRevokeAnotherDealersKey() {
        var a = newDealer("Key Owner");
        var b = newDealer("Key Thief");
        String aKey = a.api().get("/v1/api-keys").then().extract().path("[0].id");
        b.api().delete("/v1/api-keys/" + aKey).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("api_key", a.apiKey())).post("/v1/auth/token").then()
                .statusCode(200);
    }
}
