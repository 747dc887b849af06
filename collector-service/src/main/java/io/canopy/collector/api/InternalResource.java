package io.canopy.collector.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.collector.client.CredentialUnsealer;
import io.canopy.collector.client.VendorAdapters;
import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.api.Problems;
import io.canopy.collector.domain.VendorCustomer;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.sealing.CredentialSealer;
import io.smallrye.mutiny.Uni;

/**
 * Internal API for registry (not dealer-facing; {@link ServiceTokenFilter} guards it): check a
 * server's credentials against the vendor, and list the vendor's customers for the feed dropdown.
 * Both apply the same outbound rules as collections (SSRF guard, body and page caps, all in
 * {@code VendorHttp}) and a total deadline ({@code canopy.collector.limits.internal-deadline}, 20 s)
 * shorter than registry's client read timeout (30 s).
 */
@Path("/internal/v1")
@Tag(name = "internal", description = "Service-to-service calls from registry-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

    @Inject
    VendorAdapters adapters;

    @Inject
    CredentialUnsealer unsealer;

    @Inject
    CollectorConfig config;

    /** A customer of the vendor's list. */
    public record CustomerEntry(String externalId, String name) {
    }

    /** The vendor's customer list. */
    public record CustomerList(List<CustomerEntry> customers) {
    }

    @POST
    @Path("/checks")
    @Operation(summary = "Check a server's credentials against the vendor",
            description = "200 with ok=true, or ok=false with the classified kind and the vendor's reason.")
    public Uni<CheckResult> check(ServerRequest request) {
        ServerAccess server = access(request);
        // Bounded below registry's read timeout, so registry gets this classified answer, never its own time-out.
        java.time.Duration deadline = config.limits().internalDeadline();
        return adapters.of(server.vendor()).check(server)
                .ifNoItem().after(deadline).failWith(() -> VendorFailure.deadline("credential check", deadline))
                .map(ok -> CheckResult.passed())
                .onFailure(VendorFailure.class).recoverWithItem(f -> {
                    VendorFailure failure = (VendorFailure) f;
                    return new CheckResult(false, failure.kind().name(), failure.getMessage(), failure.httpStatus());
                });
    }

    @POST
    @Path("/customers")
    @Operation(summary = "List the vendor's customers", description = "422 with the classified failure when the vendor refuses.")
    public Uni<Response> customers(ServerRequest request) {
        ServerAccess server = access(request);
        java.time.Duration deadline = config.limits().internalDeadline();
        return adapters.of(server.vendor()).customers(server)
                .ifNoItem().after(deadline).failWith(() -> VendorFailure.deadline("customer listing", deadline))
                .map(list -> Response.ok(new CustomerList(list.stream()
                        .map((VendorCustomer c) -> new CustomerEntry(c.externalId(), c.name())).toList())).build())
                .onFailure(VendorFailure.class).recoverWithItem(f -> {
                    VendorFailure failure = (VendorFailure) f;
                    return Problems.response(422, "Vendor refused", failure.getMessage(),
                            Map.of("kind", failure.kind().name()));
                });
    }

    private ServerAccess access(ServerRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON body with type, url and credentials is required");
        }
        VendorType type;
        try {
            type = VendorType.fromWireName(request.type());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("type", e.getMessage());
        }
        if (request.url() == null || request.url().isBlank()) {
            throw ProblemException.badRequest("url", "the server url is required");
        }
        UUID serverId = request.serverId() == null ? new UUID(0, 0) : request.serverId();
        Map<String, String> credentials;
        if (request.sealedCredentials() != null) {
            if (request.serverId() == null) {
                throw ProblemException.badRequest("server_id", "sealed credentials can only be opened with their server_id");
            }
            try {
                credentials = unsealer.unseal(serverId, request.sealedCredentials());
            } catch (CredentialSealer.SealingException e) {
                throw ProblemException.badRequest("sealed_credentials", e.getMessage());
            }
        } else if (request.credentials() != null) {
            credentials = request.credentials();
        } else {
            throw ProblemException.badRequest("credentials", "credentials or sealed_credentials are required");
        }
        return new ServerAccess(serverId, type, request.url(), credentials);
    }
}
