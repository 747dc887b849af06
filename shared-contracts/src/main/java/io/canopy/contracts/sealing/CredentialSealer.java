package io.canopy.contracts.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.contracts.events.SealedCredentials;

/**
 * The sealed-credentials envelope shared by registry (seals) and collector (unseals): AES-256-GCM,
 * a fresh 96-bit nonce per seal, the server id as associated data (a sealed blob cannot be moved to
 * another server), and the key id in the envelope so keys can rotate (DESIGN.md rule 9).
 *
 * <p>Ciphertext = base64(nonce ‖ AES-GCM(JSON of the credential fields) ‖ tag). Error messages
 * never contain key material or plaintext.
 */
public final class CredentialSealer {

    public static final String ALGORITHM = "AES-256-GCM";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;

    /**
     * @param keys        key id → base64 of a 32-byte key (old keys stay to unseal; only the active one seals)
     * @param activeKeyId the key new seals use
     */
    public CredentialSealer(Map<String, String> keys, String activeKeyId) {
        this.keys = new LinkedHashMap<>();
        keys.forEach((id, material) -> this.keys.put(id, key(id, material)));
        if (!this.keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active sealing key '" + activeKeyId + "' is not among the configured keys "
                    + this.keys.keySet());
        }
        this.activeKeyId = activeKeyId;
    }

    /** A new random key, base64 (for key generation and tests). */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public SealedCredentials seal(UUID serverId, Map<String, String> credentials) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(serverId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(new TreeMap<>(credentials)));
            byte[] envelope = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return new SealedCredentials(activeKeyId, ALGORITHM, Base64.getEncoder().encodeToString(envelope));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new SealingException("cannot seal credentials (" + e.getClass().getSimpleName() + ")");
        }
    }

    public Map<String, String> unseal(UUID serverId, SealedCredentials sealed) {
        if (!ALGORITHM.equals(sealed.algorithm())) {
            throw new SealingException("unsupported sealing algorithm '" + sealed.algorithm() + "'");
        }
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new SealingException("unknown sealing key id '" + sealed.keyId() + "'");
        }
        try {
            byte[] envelope = Base64.getDecoder().decode(sealed.ciphertext());
            if (envelope.length <= NONCE_BYTES) {
                throw new SealingException("sealed credentials are too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, envelope, 0, NONCE_BYTES));
            cipher.updateAAD(serverId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(envelope, NONCE_BYTES, envelope.length - NONCE_BYTES);
            return JSON.readValue(plain, new TypeReference<Map<String, String>>() {
            });
        } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
            // Deliberately vague: the cause could echo bytes of the envelope.
            throw new SealingException("sealed credentials cannot be opened with key '" + sealed.keyId()
                    + "' for this server (tampered, wrong key or wrong server)");
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    private static SecretKeySpec key(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sealing key '" + id + "' is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("sealing key '" + id + "' must be 32 bytes (AES-256), got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Sealing or unsealing failed; the message is safe to log (no secrets). */
    public static final class SealingException extends RuntimeException {
        public SealingException(String message) {
            super(message);
        }
    }
}
