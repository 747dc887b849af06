package io.canopy.registry.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.canopy.kit.api.Problem;
import io.canopy.kit.api.Problems;
import io.canopy.registry.client.CollectorTimedOut;
import io.canopy.registry.client.CollectorUnavailable;
import io.canopy.registry.client.VendorRefused;
import io.canopy.registry.domain.InvalidField;
import io.canopy.registry.service.UserService;

/** registry's own failures as problem+json (service-kit maps the generic ones). */
public class RegistryProblems {

    private static final Logger LOG = Logger.getLogger(RegistryProblems.class);
    /** Long enough for a collector restart or a slow vendor to pass, short enough for a dealer at a form. */
    static final int RETRY_AFTER_SECONDS = 30;

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

    /** Too many wrong passwords for an email: 429 with the time left on its lock. */
    @ServerExceptionMapper
    public Response signInLocked(UserService.SignInLocked e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", Long.toString(seconds))
                .entity(Problem.of(429, "Too many requests", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unavailable(CollectorUnavailable e) {
        LOG.warnf("collector-service unavailable: %s", e.getMessage());
        return serviceUnavailable(e instanceof CollectorTimedOut
                ? "the vendor check did not finish in time (collector-service timed out); try again shortly"
                : "the vendor cannot be reached right now (collector-service unavailable); try again shortly");
    }

    /**
     * A fault-tolerance guard that gave up (timeout, open breaker, full bulkhead) is the same story for
     * the dealer as an unavailable collector: 503, never the 500 these exceptions used to become.
     */
    @ServerExceptionMapper
    public Response faultTolerance(FaultToleranceException e) {
        LOG.warnf("collector-service call gave up: %s", e.getClass().getSimpleName());
        return serviceUnavailable("the vendor cannot be reached right now (collector-service unavailable); try again shortly");
    }

    private static Response serviceUnavailable(String detail) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .entity(Problem.of(503, "Service unavailable", detail)).build();
    }
}
