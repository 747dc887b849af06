package io.canopy.registry.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.canopy.contracts.events.SealedCredentials;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * collector-service's internal API (its {@code InternalResource}): credential checks and customer
 * discovery. Bodies are snake_case like every Canopy REST body. Use it through
 * {@link CollectorGateway}, which adds timeouts, retries and a circuit breaker.
 */
@RegisterRestClient(configKey = "collector")
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "{serviceTokenHeader}")
public interface CollectorApi {

    /**
     * A server as collector needs it: plaintext credentials the dealer just typed (before sealing),
     * or the sealed ones with the server id they are bound to.
     */
    record ServerRequest(String type, String url, UUID serverId, Map<String, String> credentials,
            SealedCredentials sealedCredentials) {
        @Override
        public String toString() {
            return "ServerRequest[type=" + type + ", url=" + url + ", serverId=" + serverId + ", credentials=<redacted>]";
        }
    }

    /** ok, or the classified failure ({@code FailureKind} name) with the vendor's reason. */
    record CheckResult(boolean ok, String kind, String reason, Integer httpStatus) {
    }

    record CustomerEntry(String externalId, String name) {
    }

    record CustomerList(List<CustomerEntry> customers) {
    }

    @POST
    @Path("/checks")
    CheckResult check(ServerRequest server);

    @POST
    @Path("/customers")
    CustomerList customers(ServerRequest server);

    default String serviceTokenHeader() {
        return "Bearer " + ConfigProvider.getConfig().getOptionalValue("canopy.collector.service-token", String.class)
                .orElse("");
    }

    /** collector answers 422 with the classified failure when the vendor refuses; anything else is collector trouble. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() == 422) {
            Map<?, ?> problem = Map.of();
            try {
                problem = response.readEntity(Map.class);
            } catch (RuntimeException unreadable) {
                // keep the empty problem: the status alone says the vendor refused
            }
            Object kind = problem.get("kind");
            Object detail = problem.get("detail");
            return new VendorRefused(kind == null ? "VENDOR_ERROR" : kind.toString(),
                    detail == null ? "the vendor refused" : detail.toString(), null);
        }
        return new CollectorUnavailable("collector-service answered " + response.getStatus());
    }
}
