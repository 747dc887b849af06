package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.newDealer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
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

/**
 * Dealer JWTs carry an audience and a kid; registry publishes its keys as JWKS and, during a
 * rotation, still accepts tokens of the previous key (%test: current {@code canopy-dev}, previous
 * {@code previous} from src/test/resources/jwt-previous), but no token of a key it does not list.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class JwtKeysTest {

    static final String PREVIOUS_KID = "previous";

    @Test
    void theJwksListsTheCurrentAndThePreviousPublicKeyWithoutAuthenticationAndCacheable() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", containsString("max-age"))
                .body("keys.kid", contains(DealerTokens.KEY_ID, PREVIOUS_KID))
                .body("keys.kty", everyItem(equalTo("RSA"))).body("keys.alg", everyItem(equalTo("RS256")))
                .body("keys.use", everyItem(equalTo("sig")))
                // public halves only
                .body("keys.d", everyItem(equalTo(null))).body("keys.p", everyItem(equalTo(null)))
                .body(not(containsString("PRIVATE")));
    }

    @Test
    void issuedTokensNameTheirKeyAndTheAudience() throws Exception {
        var dealer = newDealer("Kid Dealer");
        String[] parts = dealer.token().split("\\.");
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("kid").asText()).isEqualTo(DealerTokens.KEY_ID);
        JsonNode aud = claims.get("aud");
        assertThat(aud.isArray() ? aud.get(0).asText() : aud.asText()).isEqualTo("canopy");
    }

    @Test
    void aTokenOfThePreviousKeyStillVerifies() throws Exception {
        var dealer = newDealer("Rotation Dealer");
        String token = DealerTokens.signedWith(previousPrivateKey(), PREVIOUS_KID, dealer.id());
        given().header("Authorization", "Bearer " + token).get("/v1/accounts").then().statusCode(200);
    }

    @Test
    void aTokenOfAnUnknownKeyIsRefusedWhateverKidItClaims() throws Exception {
        UUID dealer = newDealer("Forged Dealer").id();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PrivateKey stranger = rsa.generateKeyPair().getPrivate();
        for (String kid : new String[] { "k9", PREVIOUS_KID, DealerTokens.KEY_ID }) {
            given().header("Authorization", "Bearer " + DealerTokens.signedWith(stranger, kid, dealer)).get("/v1/accounts")
                    .then().statusCode(401);
        }
        // the previous key's token under the current key's kid: the kid picks the key, the signature fails
        given().header("Authorization", "Bearer " + DealerTokens.signedWith(previousPrivateKey(), DealerTokens.KEY_ID,
                dealer)).get("/v1/accounts").then().statusCode(401);
    }

    @Test
    void aTokenWithoutTheAudienceIsRefused() {
        UUID dealer = newDealer("Audience Dealer").id();
        given().header("Authorization", "Bearer " + DealerTokens.withoutAudience(dealer)).get("/v1/accounts").then()
                .statusCode(401);
        given().header("Authorization", DealerTokens.bearer(dealer)).get("/v1/accounts").then().statusCode(200);
    }

    static PrivateKey previousPrivateKey() throws Exception {
        try (InputStream in = JwtKeysTest.class.getClassLoader().getResourceAsStream("jwt-previous/private.pem")) {
            if (in == null) {
                throw new IOException("jwt-previous/private.pem is missing from the test classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }
}
