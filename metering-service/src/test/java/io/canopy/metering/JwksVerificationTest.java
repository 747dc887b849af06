package io.canopy.metering;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * metering verifies dealer JWTs the way it does in real runs: against a JWKS fetched over HTTP (here a
 * stand-in for registry's /.well-known/jwks.json on 127.0.0.1 listing two live keys, as during a key
 * rotation), choosing the key by kid and requiring aud=canopy.
 */
@QuarkusTest
@TestProfile(JwksVerificationTest.JwksOverHttp.class)
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class JwksVerificationTest {

    static final String NEXT_KID = "next";
    static final KeyPair NEXT = generate();
    private static HttpServer jwks;

    public static class JwksOverHttp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", jwksUrl());
        }
    }

    @Test
    void tokensOfEitherLiveKeyVerify() {
        UUID dealer = UUID.randomUUID();
        accounts(DealerTokens.forDealer(dealer)).statusCode(not(anyOf(equalTo(401), equalTo(403))));
        accounts(DealerTokens.signedWith(NEXT.getPrivate(), NEXT_KID, dealer))
                .statusCode(not(anyOf(equalTo(401), equalTo(403))));
    }

    @Test
    void aTokenOfAKeyTheJwksDoesNotListIsRefused() {
        UUID dealer = UUID.randomUUID();
        KeyPair stranger = generate();
        accounts(DealerTokens.signedWith(stranger.getPrivate(), "k9", dealer)).statusCode(401);
        accounts(DealerTokens.signedWith(stranger.getPrivate(), NEXT_KID, dealer)).statusCode(401);
    }

    @Test
    void aTokenWithoutTheAudienceIsRefused() {
        accounts(DealerTokens.withoutAudience(UUID.randomUUID())).statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse accounts(String token) {
        return given().header("Authorization", "Bearer " + token).queryParam("account_id", UUID.randomUUID().toString())
                .get("/v1/deposits").then();
    }

    static synchronized String jwksUrl() {
        if (jwks == null) {
            String body = "{\"keys\":[" + jwk(devPublicKey(), DealerTokens.KEY_ID) + ","
                    + jwk((RSAPublicKey) NEXT.getPublic(), NEXT_KID) + "]}";
            try {
                jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jwks.createContext("/.well-known/jwks.json", exchange -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            jwks.start();
        }
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static String jwk(RSAPublicKey key, String kid) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\"" + b64(key.getModulus())
                + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}";
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RSAPublicKey devPublicKey() {
        try (InputStream in = JwksVerificationTest.class.getClassLoader()
                .getResourceAsStream(DealerTokens.PUBLIC_KEY_RESOURCE)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
