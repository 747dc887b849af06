package io.canopy.kit.sealing;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sealing keys ({@code canopy.credentials.*}): registry seals server credentials with them, the
 * collector unseals, so both read this one definition. Key id → base64 of a 32-byte AES key, from a
 * Kubernetes Secret in production ({@code CANOPY_CREDENTIALS_KEYS_K1}). Old keys stay listed so
 * servers sealed with them keep working; new seals use the active key. Services that seal nothing
 * simply configure no keys.
 */
@ConfigMapping(prefix = "canopy.credentials")
public interface SealingConfig {

    /** Key id → base64 AES-256 key. */
    Map<String, String> keys();

    /** The key new seals use. */
    @WithDefault("k1")
    String activeKey();
}
