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
}
