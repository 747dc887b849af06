package io.canopy.registry.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.canopy.contracts.events.SealedCredentials;
import io.canopy.contracts.events.VendorType;

/**
 * registry's only way to a vendor: collector-service checks credentials and lists customers.
 *
 * <p>Timeouts: the REST client's {@code quarkus.rest-client.collector.read-timeout} (30 s) is
 * registry's budget for one answer and must stay LONGER than collector's own total check deadline
 * (20 s, collector's config), so collector always answers with a classified vendor failure before
 * registry gives up on it. A timed-out call is not retried (the vendor is slow; asking again only
 * doubles the wait); only a collector that could not be reached or answered 5xx is retried.
 *
 * <p>No circuit breaker: a breaker shared by every call let one dealer's slow vendor server open
 * it and close server registration for every dealer, and a breaker per server buys nothing here
 * (registration and PATCH are rare, dealer-initiated calls that already end in at most one read
 * timeout). Whatever goes wrong on the way to collector surfaces as {@link CollectorUnavailable}:
 * 503 problem+json with Retry-After ({@code RegistryProblems}), never a 500.
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
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = CollectorUnavailable.class,
            abortOn = { VendorRefused.class, CollectorTimedOut.class })
    public void check(VendorType vendor, String url, UUID serverId, Map<String, String> credentials) {
        verdict(call(() -> collector.check(new CollectorApi.ServerRequest(vendor.wireName(), url, serverId, credentials,
                null))));
    }

    /** Checks stored (sealed) credentials, e.g. after the URL changed. */
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = CollectorUnavailable.class,
            abortOn = { VendorRefused.class, CollectorTimedOut.class })
    public void checkSealed(VendorType vendor, String url, UUID serverId, SealedCredentials sealed) {
        verdict(call(() -> collector.check(new CollectorApi.ServerRequest(vendor.wireName(), url, serverId, null,
                sealed))));
    }

    /** The vendor's customers, for the feed dropdown. */
    @Retry(maxRetries = 2, delay = 500, jitter = 200, retryOn = CollectorUnavailable.class,
            abortOn = { VendorRefused.class, CollectorTimedOut.class })
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
            if (timedOut(e)) {
                throw new CollectorTimedOut("collector-service did not answer within the read timeout");
            }
            // connection refused, reset, DNS: collector is away; the cause carries no credentials
            throw new CollectorUnavailable("collector-service is unreachable: " + e.getClass().getSimpleName(), null);
        }
    }

    /** The client reports a read timeout as a ProcessingException around a *Timeout* exception (JDK, Netty or Vert.x). */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
