package io.canopy.collector.domain;

import java.util.Map;
import java.util.UUID;

import io.canopy.contracts.events.VendorType;

/**
 * What an adapter needs to talk to one vendor server. The credentials are plaintext, so this
 * object lives only in memory for the duration of a call and never prints them.
 */
public record ServerAccess(UUID serverId, VendorType vendor, String url, Map<String, String> credentials) {

    public ServerAccess {
        credentials = Map.copyOf(credentials);
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String credential(String field) {
        String value = credentials.get(field);
        if (value == null || value.isBlank()) {
            throw new VendorFailure(io.canopy.contracts.events.FailureKind.AUTH_REJECTED,
                    "credential field '" + field + "' is missing", null, 0);
        }
        return value;
    }

    /** Every credential value, so logs and events can be checked for leaks. */
    public java.util.Collection<String> secretValues() {
        return credentials.values();
    }

    @Override
    public String toString() {
        return "ServerAccess[serverId=" + serverId + ", vendor=" + vendor + ", url=" + url + ", credentials=<redacted>]";
    }
}
