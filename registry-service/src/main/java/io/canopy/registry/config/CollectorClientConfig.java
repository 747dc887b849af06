package io.canopy.registry.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * How registry reaches collector-service's internal API. The URL is the REST client's
 * {@code quarkus.rest-client.collector.url} (env {@code QUARKUS_REST_CLIENT_COLLECTOR_URL}); timeouts,
 * retries and the circuit breaker are MicroProfile Fault Tolerance settings on
 * {@code io.canopy.registry.client.CollectorGateway}.
 */
@ConfigMapping(prefix = "canopy.collector")
public interface CollectorClientConfig {

    /** The service token collector expects on /internal (env {@code CANOPY_COLLECTOR_SERVICE_TOKEN}). */
    Optional<String> serviceToken();

    /**
     * SSRF allow-list: comma-separated {@code host:port} entries a server URL may point at although
     * they are internal addresses (local runs: the vendor simulator on 127.0.0.1). The same setting
     * collector reads, env {@code CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS}, so one variable serves both;
     * unset in production, where every loopback, private, link-local, unique-local, multicast or
     * unspecified address is refused.
     */
    Optional<String> allowedPrivateHosts();
}
