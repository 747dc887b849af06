package io.canopy.registry;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * registry with {@link CollectorStub} as its collector, a short read timeout, and two loopback
 * "vendor servers" on the SSRF allow-list. Those two addresses are never dialled (the stub does
 * not call vendors); every other internal address must be refused.
 */
public class StubCollectorProfile implements QuarkusTestProfile {

    /** Allow-listed, never dialled: the stub collector answers for them. */
    static final String VENDOR_A = "127.0.0.1:40001";
    static final String VENDOR_B = "127.0.0.1:40002";
    /** Shorter than {@link CollectorStub#SLOW}, so a slow collector times out. */
    static final String READ_TIMEOUT_MS = "1500";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.rest-client.collector.url", CollectorStub.shared().url(),
                "quarkus.rest-client.collector.read-timeout", READ_TIMEOUT_MS,
                "canopy.collector.allowed-private-hosts", VENDOR_A + "," + VENDOR_B);
    }
}
