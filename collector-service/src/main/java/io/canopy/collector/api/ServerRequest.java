package io.canopy.collector.api;

import java.util.Map;
import java.util.UUID;

import io.canopy.contracts.events.SealedCredentials;

/**
 * Body of the internal check and discovery calls: a server as registry knows it, with either the
 * plaintext credentials a dealer just typed (before sealing) or the sealed ones.
 *
 * @param serverId needed to open sealed credentials (they are bound to their server)
 */
public record ServerRequest(String type, String url, UUID serverId, Map<String, String> credentials,
        SealedCredentials sealedCredentials) {

    @Override
    public String toString() {
        return "ServerRequest[type=" + type + ", url=" + url + ", serverId=" + serverId + ", credentials=<redacted>]";
    }
}
