package io.canopy.registry.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.canopy.contracts.events.SealedCredentials;
import io.canopy.contracts.events.VendorType;

/**
 * registry's only way to a vendor: collector-service checks credentials and lists customers.
 * Every call has a timeout longer than collector's own vendor retries, retries only when collector
 * itself was unreachable (a vendor's refusal is an answer, not a fault) and trips a breaker so a
 * collector outage answers dealers at once instead of tying up request threads. Values can be
 * tuned with MicroProfile Fault Tolerance config, e.g.
 * {@code io.canopy.registry.client.CollectorGateway/check/Timeout/value}.
 */
@ApplicationScoped
public class CollectorGateway {

    @Inject
    @RestClient
    CollectorApi collector;

    /**
     * Checks plaintext credentials before they are sealed and stored.
     *
     * @throws VendorRefused        the vendor rejected them (kind + the vendor's reason)
     * @throws CollectorUnavailable collector could not answer
     */
    @Timeout(value = 45, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = CollectorUnavailable.class, abortOn = VendorRefused.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = VendorRefused.class)
    public void check(VendorType vendor, String url, UUID serverId, Map<String, String> credentials) {
        verdict(call(() -> collector.check(new CollectorApi.ServerRequest(vendor.wireName(), url, serverId, credentials,
                null))));
    }

    /** Checks stored (sealed) credentials, e.g. after the URL changed. */
    @Timeout(value = 45, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = CollectorUnavailable.class, abortOn = VendorRefused.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = VendorRefused.class)
    public void checkSealed(VendorType vendor, String url, UUID serverId, SealedCredentials sealed) {
        verdict(call(() -> collector.check(new CollectorApi.ServerRequest(vendor.wireName(), url, serverId, null,
                sealed))));
    }

    /** The vendor's customers, for the feed dropdown. */
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = CollectorUnavailable.class, abortOn = VendorRefused.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = VendorRefused.class)
    public List<CollectorApi.CustomerEntry> customers(VendorType vendor, String url, UUID serverId,
            SealedCredentials sealed) {
        CollectorApi.CustomerList list = call(() -> collector.customers(new CollectorApi.ServerRequest(vendor.wireName(),
                url, serverId, null, sealed)));
        return list == null || list.customers() == null ? List.of() : list.customers();
    }

    private static void verdict(CollectorApi.CheckResult result) {
        if (result == null) {
            throw new CollectorUnavailable("collector-service gave no check result");
        }
        if (!result.ok()) {
            throw new VendorRefused(result.kind() == null ? "VENDOR_ERROR" : result.kind(),
                    result.reason() == null ? "the vendor refused the credentials" : result.reason(), result.httpStatus());
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (ProcessingException e) {
            // connection refused, reset, DNS: collector is away; the cause carries no credentials
            throw new CollectorUnavailable("collector-service is unreachable: " + e.getClass().getSimpleName(), null);
        }
    }
}
