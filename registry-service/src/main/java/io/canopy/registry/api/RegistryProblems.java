package io.canopy.registry.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.canopy.kit.api.Problem;
import io.canopy.kit.api.Problems;
import io.canopy.registry.client.CollectorUnavailable;
import io.canopy.registry.client.VendorRefused;
import io.canopy.registry.domain.InvalidField;

/** registry's own failures as problem+json (service-kit maps the generic ones). */
public class RegistryProblems {

    private static final Logger LOG = Logger.getLogger(RegistryProblems.class);

    @ServerExceptionMapper
    public Response invalid(InvalidField e) {
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(Problem.ofField(400, "Invalid request", e.getMessage(), e.field())).build();
    }

    /** The vendor said no: 422 with its reason and the classified kind; the field is what to fix. */
    @ServerExceptionMapper
    public Response refused(VendorRefused e) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("field", "UNREACHABLE".equals(e.kind()) ? "url" : "credentials");
        extensions.put("kind", e.kind());
        if (e.httpStatus() != null) {
            extensions.put("vendor_status", e.httpStatus());
        }
        return Problems.response(422, "Vendor refused", "the vendor refused: " + e.getMessage(), extensions);
    }

    @ServerExceptionMapper
    public Response unavailable(CollectorUnavailable e) {
        LOG.warnf("collector-service unavailable: %s", e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "30")
                .entity(Problem.of(503, "Service unavailable",
                        "the vendor cannot be reached right now (collector-service unavailable); try again shortly"))
                .build();
    }
}
