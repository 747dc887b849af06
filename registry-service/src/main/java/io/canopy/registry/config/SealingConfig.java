package io.canopy.registry.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sealing keys ({@code canopy.credentials.*}), the same configuration collector-service unseals
 * with: key id → base64 of a 32-byte AES key, from a Kubernetes Secret in production
 * ({@code CANOPY_CREDENTIALS_KEYS_K1}). Old keys stay listed so servers sealed with them keep working;
 * new seals use the active key.
 */
@ConfigMapping(prefix = "canopy.credentials")
public interface SealingConfig {

    Map<String, String> keys();

    @WithDefault("k1")
    String activeKey();
}
