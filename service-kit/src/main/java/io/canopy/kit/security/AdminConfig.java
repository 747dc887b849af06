package io.canopy.kit.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code canopy.admin.*}: the operator API. */
@ConfigMapping(prefix = "canopy.admin")
public interface AdminConfig {

    /**
     * The operator token every {@code /admin} call must present as a bearer token
     * (env {@code CANOPY_ADMIN_TOKEN}; {@code ./canopy up} generates one). Unset = admin API closed.
     */
    Optional<String> token();
}
