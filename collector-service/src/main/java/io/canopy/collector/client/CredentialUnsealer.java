package io.canopy.collector.client;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.events.SealedCredentials;
import io.canopy.contracts.sealing.CredentialSealer;
import io.canopy.kit.sealing.SealingConfig;

/** Opens sealed server credentials, in memory only, for one vendor call. */
@ApplicationScoped
public class CredentialUnsealer {

    @Inject
    SealingConfig config;

    private volatile CredentialSealer sealer;

    public Map<String, String> unseal(UUID serverId, SealedCredentials sealed) {
        return sealer().unseal(serverId, sealed);
    }

    private CredentialSealer sealer() {
        CredentialSealer current = sealer;
        if (current == null) {
            if (config.keys().isEmpty()) {
                throw new CredentialSealer.SealingException(
                        "no sealing keys configured (canopy.credentials.keys.<id>, from the sealing-key Secret)");
            }
            current = new CredentialSealer(config.keys(), config.activeKey());
            sealer = current;
        }
        return current;
    }
}
