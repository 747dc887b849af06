package io.canopy.registry.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One-time invitation tokens ({@code ci_<256 random bits>}): shown once to the inviting admin, only
 * their SHA-256 stored. Unsalted on purpose: the hash is how the invitation is looked up, and 256
 * random bits need no salt or slow hash (the same reasoning as {@link ApiKeys}).
 */
public final class InvitationTokens {

    static final String PREFIX = "ci_";
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationTokens() {
    }

    public record Minted(String plaintext, byte[] hash) {
        @Override
        public String toString() {
            return "Minted[plaintext=<redacted>]";
        }
    }

    public static Minted mint() {
        byte[] secret = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(secret);
        String plaintext = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Minted(plaintext, hash(plaintext));
    }

    public static byte[] hash(String token) {
        return sha256(token.trim());
    }

    /** SHA-256 of a text, also the key of the throttle row of an email that belongs to no user. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
