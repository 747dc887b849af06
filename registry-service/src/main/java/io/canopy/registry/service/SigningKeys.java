package io.canopy.registry.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * registry's JWT keys: the current signer (private key + its kid) and the public keys of earlier
 * signers that still verify during a rotation. Every verifier, registry included, reads the same
 * set as JWKS ({@code GET /.well-known/jwks.json}) and picks the key by the token's {@code kid}; a
 * token whose kid is not in the set does not verify.
 *
 * <p>Plain Java, built once at startup from PEM files ({@code RegistryConfig.Auth}).
 */
public final class SigningKeys {

    /** One verification key as the JWKS lists it. */
    public record VerificationKey(String kid, RSAPublicKey key) {
    }

    private final String currentKid;
    private final PrivateKey signer;
    private final List<VerificationKey> verificationKeys;
    private final String jwks;

    public SigningKeys(String currentKid, PrivateKey signer, Map<String, RSAPublicKey> previous) {
        if (previous.containsKey(currentKid)) {
            throw new IllegalArgumentException("previous key '" + currentKid + "' has the current key's kid");
        }
        this.currentKid = currentKid;
        this.signer = signer;
        List<VerificationKey> keys = new ArrayList<>();
        keys.add(new VerificationKey(currentKid, publicOf(signer)));
        new LinkedHashMap<>(previous).forEach((kid, key) -> keys.add(new VerificationKey(kid, key)));
        this.verificationKeys = List.copyOf(keys);
        this.jwks = toJwks(verificationKeys);
    }

    /** Loads the current private key and the previous public keys from PEM locations (file path or classpath). */
    public static SigningKeys load(String currentKid, String privateKeyLocation, Map<String, String> previousLocations) {
        Map<String, RSAPublicKey> previous = new LinkedHashMap<>();
        previousLocations.forEach((kid, location) -> previous.put(kid, publicKey(read(location))));
        return new SigningKeys(currentKid, privateKey(read(privateKeyLocation)), previous);
    }

    public String currentKid() {
        return currentKid;
    }

    public PrivateKey signer() {
        return signer;
    }

    public List<VerificationKey> verificationKeys() {
        return verificationKeys;
    }

    /** {"keys": [...]} with kty RSA, use sig, alg RS256, n and e of every verification key, current first. */
    public String jwks() {
        return jwks;
    }

    private static String toJwks(List<VerificationKey> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (VerificationKey key : keys) {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key.key());
            jwk.setKeyId(key.kid());
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            jwks.add(jwk);
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** An RSA private key in PKCS#8 carries its public half (modulus, public exponent): no second file needed. */
    static RSAPublicKey publicOf(PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the JWT signing key must be an RSA private key (PKCS#8 PEM)");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the JWT signing key is not a PKCS#8 RSA private key", e);
        }
    }

    static RSAPublicKey publicKey(String pem) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("a previous JWT key is not an RSA public key (PEM)", e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    /** A file path, else a classpath resource (tests and dev use the key pair in local-stack's jar). */
    static String read(String location) {
        String name = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        try {
            Path file = Path.of(name.startsWith("file:") ? name.substring("file:".length()) : name);
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("JWT key not found: " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JWT key " + location, e);
        }
    }
}
