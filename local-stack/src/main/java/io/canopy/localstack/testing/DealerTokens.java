package io.canopy.localstack.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Dealer tokens for tests of the services that verify, but do not issue, dealer JWTs (every
 * service but registry). Signs exactly what registry's {@code POST /v1/auth/token} issues, with
 * the development key pair under {@code canopy-dev-jwt/} on this jar's classpath: RS256, kid
 * {@code canopy-dev}, {@code iss=canopy-registry}, {@code aud=canopy}, {@code sub} and
 * {@code dealer_id} = the dealer, {@code groups=[dealer]}.
 *
 * <p>The key pair is for tests and {@code ./canopy} only; deployments mount their own (deploy/).
 */
public final class DealerTokens {

    public static final String ISSUER = "canopy-registry";
    public static final String PUBLIC_KEY_RESOURCE = "canopy-dev-jwt/public.pem";
    public static final String PRIVATE_KEY_RESOURCE = "canopy-dev-jwt/private.pem";
    /** The development key's kid (registry's %test {@code canopy.registry.auth.key-id}). */
    public static final String KEY_ID = "canopy-dev";
    /** Every service verifies it ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "canopy";

    private DealerTokens() {
    }

    /** A token for the dealer, valid for 15 minutes. */
    public static String forDealer(UUID dealerId) {
        return sign(dealerId, Instant.now(), Duration.ofMinutes(15));
    }

    /** A token that expired a minute ago. */
    public static String expiredForDealer(UUID dealerId) {
        return sign(dealerId, Instant.now().minus(Duration.ofMinutes(16)), Duration.ofMinutes(15));
    }

    /** The value of an Authorization header carrying {@link #forDealer(UUID)}. */
    public static String bearer(UUID dealerId) {
        return "Bearer " + forDealer(dealerId);
    }

    /** A valid-looking token for the dealer without {@code aud}: every service must refuse it. */
    public static String withoutAudience(UUID dealerId) {
        try {
            return sign(privateKey(), KEY_ID, null, dealerId, Instant.now(), Duration.ofMinutes(15));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for the dealer signed with any RSA key under any kid (key rotation tests). */
    public static String signedWith(PrivateKey key, String kid, UUID dealerId) {
        return sign(key, kid, AUDIENCE, dealerId, Instant.now(), Duration.ofMinutes(15));
    }

    static String sign(UUID dealerId, Instant issuedAt, Duration lifetime) {
        try {
            return sign(privateKey(), KEY_ID, AUDIENCE, dealerId, issuedAt, lifetime);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    static String sign(PrivateKey key, String kid, String audience, UUID dealerId, Instant issuedAt, Duration lifetime) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\"" + (audience == null ? "" : ",\"aud\":\"" + audience + "\"")
                + ",\"sub\":\"" + dealerId + "\",\"upn\":\"" + dealerId
                + "\",\"dealer_id\":\"" + dealerId + "\",\"groups\":[\"dealer\"],\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + issuedAt.plus(lifetime).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey privateKey() throws GeneralSecurityException {
        String pem;
        try (InputStream in = DealerTokens.class.getClassLoader().getResourceAsStream(PRIVATE_KEY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PRIVATE_KEY_RESOURCE + " is not on the classpath");
            }
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
