package io.canopy.collector.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.canopy.collector.config.CollectorConfig;
import io.canopy.kit.api.Problems;

/**
 * /internal is for other Canopy services only: they present the shared service token (a Kubernetes
 * Secret) as a bearer token. Compared in constant time; without a configured token nothing passes.
 */
public class ServiceTokenFilter {

    /** Looked up per request: filters are built before runtime configuration is available. */
    @Inject
    jakarta.enterprise.inject.Instance<CollectorConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/internal/")) {
            return null;
        }
        String expected = config.get().serviceToken().orElse("");
        String header = request.getHeaderString("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            return Problems.response(401, "Unauthorized", "a valid service token is required for /internal", Map.of());
        }
        return null;
    }
}
