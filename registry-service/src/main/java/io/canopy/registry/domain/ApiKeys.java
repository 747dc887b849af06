package io.canopy.registry.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dealer API keys: {@code ck_<key id>_<secret>}. The id lets registry find the key's row without
 * scanning; only a salted SHA-256 of the 256-bit random secret is stored, so a database dump does
 * not yield working keys. (A slow password hash buys nothing for 256 random bits.)
 */
public final class ApiKeys {

    static final String PREFIX = "ck_";
    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("ck_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");

    private ApiKeys() {
    }

    /** A newly minted key: the plaintext to show once, and what to store. */
    public record Minted(UUID id, String plaintext, byte[] salt, byte[] secretHash) {
        @Override
        public String toString() {
            return "Minted[id=" + id + ", plaintext=<redacted>]";
        }
    }

    /** A presented key split into its id and secret. */
    public record Presented(UUID id, String secret) {
        @Override
        public String toString() {
            return "Presented[id=" + id + ", secret=<redacted>]";
        }
    }

    public static Minted mint() {
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String encodedSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        String plaintext = PREFIX + id.toString().replace("-", "") + "_" + encodedSecret;
        return new Minted(id, plaintext, salt, hash(salt, encodedSecret));
    }

    /** The key's parts, or empty when it is not shaped like one of our keys. */
    public static Optional<Presented> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(presented.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String hex = m.group(1);
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(Long.parseUnsignedLong(hex.substring(0, 16), 16));
        bytes.putLong(Long.parseUnsignedLong(hex.substring(16), 16));
        bytes.flip();
        return Optional.of(new Presented(new UUID(bytes.getLong(), bytes.getLong()), m.group(2)));
    }

    /** Constant-time comparison of a presented secret with the stored salted hash. */
    public static boolean matches(Presented presented, byte[] salt, byte[] storedHash) {
        return MessageDigest.isEqual(hash(salt, presented.secret()), storedHash);
    }

    static byte[] hash(byte[] salt, String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(secret.getBytes(StandardCharsets.US_ASCII));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
