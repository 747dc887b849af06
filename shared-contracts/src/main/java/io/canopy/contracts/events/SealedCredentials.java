package io.canopy.contracts.events;

/**
 * Server credentials as they travel and rest: sealed. Only collector-service unseals them, in
 * memory, for the duration of a vendor call (DESIGN.md rule 9).
 *
 * @param keyId      which sealing key (so keys rotate)
 * @param algorithm  {@code AES-256-GCM} or {@code vault-transit}
 * @param ciphertext base64 of nonce + ciphertext + tag (AES) or the Vault ciphertext
 */
public record SealedCredentials(String keyId, String algorithm, String ciphertext) {

    /** Never print the ciphertext either: it is still a secret's envelope. */
    @Override
    public String toString() {
        return "SealedCredentials[keyId=" + keyId + ", algorithm=" + algorithm + ", ciphertext=<redacted>]";
    }
}
