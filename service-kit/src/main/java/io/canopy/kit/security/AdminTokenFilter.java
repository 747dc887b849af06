package io.canopy.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.canopy.kit.api.Problem;

/**
 * Guards every {@code /admin/...} path with the operator token. Dealer credentials never open
 * these paths, and the operator token never opens {@code /v1} (that takes a dealer JWT).
 */
public class AdminTokenFilter {

    static final String PREFIX = "Bearer ";

    @Inject
    AdminConfig config;

    @ServerRequestFilter(preMatching = true)
    public Response requireOperator(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return null;
        }
        if (config.token().isEmpty() || config.token().get().isBlank()) {
            return deny("the admin API is closed: no operator token is configured (CANOPY_ADMIN_TOKEN)");
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(PREFIX)) {
            return deny("an operator bearer token is required");
        }
        byte[] presented = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = config.token().get().getBytes(StandardCharsets.UTF_8);
        // Constant time: the comparison must not reveal how much of a guess was right.
        if (!MessageDigest.isEqual(presented, expected)) {
            return deny("the operator token is not valid");
        }
        return null;
    }

    private static Response deny(String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", detail)).build();
    }
}
