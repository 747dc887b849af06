package io.canopy.dashboard.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a {@link Session} into a cookie value and opens it again: AES-256-GCM, so the browser can
 * neither read the token inside nor change a byte without the cookie being refused. No server-side
 * session store: any dashboard replica with the same key serves any request.
 */
public final class SessionSeal {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final char SEPARATOR = '\n';

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SessionSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the session key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public String seal(Session session) {
        String plain = String.join(String.valueOf(SEPARATOR), session.token(), session.email(), session.role(),
                session.formToken(), Long.toString(session.expiresAt().getEpochSecond()));
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a session: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The session in the cookie, or empty when it is missing, forged, tampered with or expired. */
    public Optional<Session> open(String cookie, Instant now) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cookie);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            String plain = new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
            String[] parts = plain.split(String.valueOf(SEPARATOR), -1);
            if (parts.length != 5) {
                return Optional.empty();
            }
            Session session = new Session(parts[0], parts[1], parts[2], parts[3],
                    Instant.ofEpochSecond(Long.parseLong(parts[4])));
            return session.expired(now) ? Optional.empty() : Optional.of(session);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty(); // not ours, or changed: the same as no session
        }
    }

    /** A random token for forms (CSRF) and the like. */
    public String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
