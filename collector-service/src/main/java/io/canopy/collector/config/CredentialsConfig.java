package io.canopy.collector.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sealing keys ({@code canopy.credentials.*}), the same configuration registry seals with: key id →
 * base64 32-byte AES key, from a Kubernetes Secret in production.
 */
@ConfigMapping(prefix = "canopy.credentials")
public interface CredentialsConfig {

    Map<String, String> keys();

    @WithDefault("k1")
    String activeKey();
}
