package io.canopy.registry.domain;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Dealer users' passwords: bcrypt (a per-password random salt and the cost live in the stored
 * string), so a database dump does not yield passwords cheaply. bcrypt reads at most 72 bytes, so a
 * longer password is refused rather than silently cut.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** Why the password cannot be used, or null when it can. Never echoes the password. */
    public static String problemWith(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "the password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "the password must have at most " + MAX_BYTES + " bytes (UTF-8)";
        }
        return null;
    }

    /** A bcrypt string ({@code $2b$<cost>$...}) for a password that passed {@link #problemWith}. */
    public static String hash(String password, int cost) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    /** Whether the password matches the stored bcrypt string (constant-time inside bcprov). */
    public static boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return OpenBSDBCrypt.checkPassword(storedHash, password.toCharArray());
    }
}
