package io.canopy.registry.api;

import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.canopy.kit.api.Problems;
import io.canopy.registry.domain.UserRole;

/**
 * Viewers read, they never change (issue #19): every POST, PUT, PATCH and DELETE under {@code /v1}
 * with a viewer's token is refused here, in one place, before the resource method or its body is
 * read. Keyed on the HTTP method rather than on a per-method annotation, so a mutating endpoint added
 * later is covered without anyone remembering to (ViewerIsReadOnlyTest calls every one of them).
 * {@code /v1/auth/...} is exempt: it is where credentials come in, not where data changes.
 */
public class ViewerIsReadOnly {

    static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String EXEMPT_PREFIX = "/v1/auth/";

    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public Response refuseViewerChanges(ContainerRequestContext request) {
        if (!MUTATING.contains(request.getMethod())) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/") || path.startsWith(EXEMPT_PREFIX)) {
            return null;
        }
        Object claim = token == null ? null : token.getClaim(UserRole.CLAIM);
        if (UserRole.ofClaim(claim == null ? null : claim.toString()) != UserRole.VIEWER) {
            return null;
        }
        return Problems.response(403, "Forbidden", "your role viewer can read but not change anything; ask an admin",
                Map.of("role", UserRole.VIEWER.wireName()));
    }
}
