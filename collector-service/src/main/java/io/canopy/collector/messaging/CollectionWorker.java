package io.canopy.collector.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.canopy.collector.client.CredentialUnsealer;
import io.canopy.collector.client.VendorAdapters;
import io.canopy.collector.client.VendorHttp;
import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.ByteBudget;
import io.canopy.collector.domain.CollectedWindow;
import io.canopy.collector.domain.DayAggregate;
import io.canopy.collector.domain.DeviceReading;
import io.canopy.collector.domain.FeedTarget;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.RejectedPayload;
import io.canopy.contracts.events.ServerCheckFailed;
import io.canopy.contracts.events.ServerCheckPassed;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.contracts.sealing.CredentialSealer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Runs one collection request end to end: unseal the credentials (memory only), read the vendor,
 * publish the readings and wait for their acks, then {@code CollectionCompleted} as the last record
 * of the request on the feed's partition, then the outcome. A failure publishes no readings at all
 * (metering never sees part of a request), only the classified {@code CollectionFailed} and, for a
 * rejected payload, the raw body on the rejected topic. Redoing a request yields the same ids.
 */
@ApplicationScoped
public class CollectionWorker {

    private static final Logger LOG = Logger.getLogger(CollectionWorker.class);

    @Inject
    VendorAdapters adapters;

    @Inject
    CredentialUnsealer unsealer;

    @Inject
    VendorHttp http;

    @Inject
    CollectionPublisher publisher;

    @Inject
    CollectorConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    public Uni<Void> run(CollectionRequested request) {
        ServerAccess server;
        try {
            server = new ServerAccess(request.serverId(), request.vendor(), request.serverUrl(),
                    unsealer.unseal(request.serverId(), request.credentials()));
        } catch (CredentialSealer.SealingException e) {
            return fail(request, new VendorFailure(FailureKind.AUTH_REJECTED, e.getMessage(), null, 0));
        }
        if (request.purpose() == CollectionPurpose.SERVER_CHECK) {
            return check(request, server);
        }
        if (request.feedId() == null || request.window() == null || request.externalCustomerId() == null) {
            LOG.errorf("collection request %s has no feed, window or customer; dropped", request.requestId());
            return Uni.createFrom().voidItem();
        }
        FeedTarget feed = new FeedTarget(request.feedId(), request.externalCustomerId(), request.scope(),
                ZoneId.of(request.timeZone()), request.activationDate());
        long started = System.nanoTime();
        java.time.Duration deadline = config.limits().collectionDeadline();
        // The bodies this collection reads hold bytes of the collector-wide budget until its readings
        // are published, or it failed or was cancelled: whichever way it ends, they go back.
        ByteBudget.Account bytes = http.bytes().open();
        return Uni.createFrom().context(context -> {
            context.put(VendorHttp.BYTES, bytes);
            return adapters.of(request.vendor()).collect(server, feed, request.window(), request.asOf());
        })
                // Cancelling the vendor calls resets their HTTP streams (VendorHttp), so nothing trickles on.
                .ifNoItem().after(deadline).failWith(() -> VendorFailure.deadline("collection", deadline))
                .flatMap(window -> publish(request, window))
                .onTermination().invoke(bytes::close)
                .invoke(() -> count(request, "succeeded", "none", started))
                .onFailure().recoverWithUni(failure -> {
                    VendorFailure classified = failure instanceof VendorFailure f ? f
                            : new VendorFailure(FailureKind.VENDOR_ERROR, "unexpected failure: " + failure.getClass().getSimpleName(),
                                    null, 1);
                    count(request, "failed", classified.kind().name(), started);
                    return fail(request, classified);
                });
    }

    private Uni<Void> check(CollectionRequested request, ServerAccess server) {
        java.time.Duration deadline = config.limits().internalDeadline();
        return adapters.of(request.vendor()).check(server)
                .ifNoItem().after(deadline).failWith(() -> VendorFailure.deadline("credential check", deadline))
                .flatMap(ok -> publisher.outcome(new ServerCheckPassed(request.requestId(), request.dealerId(),
                        request.serverId(), request.vendor(), request.asOf(), Instant.now(clock))))
                .onFailure(VendorFailure.class).recoverWithUni(f -> fail(request, (VendorFailure) f));
    }

    private Uni<Void> publish(CollectionRequested request, CollectedWindow window) {
        List<CanopyEvent> records = new ArrayList<>();
        for (DeviceReading r : window.readings()) {
            records.add(new MeterSnapshot(DeterministicIds.meterSnapshot(request.vendor(), request.serverId(), r.deviceId(),
                    r.readingTime()), request.requestId(), request.dealerId(), request.accountId(), request.feedId(),
                    request.serverId(), request.vendor(), r.deviceId(), r.managed(), r.readingTime(), r.smallCount(),
                    r.largeCount(), r.areaHundredthsMm2(), r.counterSource(), request.asOf()));
        }
        for (DayAggregate a : window.aggregates()) {
            records.add(new UsageAggregate(DeterministicIds.usageAggregate(request.feedId(), a.day(), request.requestId()),
                    request.requestId(), request.dealerId(), request.accountId(), request.feedId(), request.serverId(),
                    request.vendor(), a.day(), a.smallPages(), a.largePages(), a.duplexSheets(), a.deviceCount(),
                    a.newestDataDate(), request.asOf()));
        }
        Instant now = Instant.now(clock);
        CollectionCompleted completed = new CollectionCompleted(request.requestId(), request.dealerId(), request.accountId(),
                request.feedId(), request.serverId(), request.window(), request.purpose(), window.readings().size(),
                window.aggregates().size(), request.asOf(), now, request.timeZone(), request.paperBasis(), request.accountName(),
                request.activationDate());
        CollectionSucceeded succeeded = new CollectionSucceeded(request.requestId(), request.dealerId(),
                request.accountId(), request.feedId(), request.serverId(), request.vendor(), request.window(),
                request.purpose(), request.asOf(), window.readings().size(), window.aggregates().size(), window.devices(),
                window.newestReadingTime(), window.newestDataDate(), window.nonEmptyDays(), window.droppedValues(), now,
                request.timeZone());
        return publisher.readings(records)
                .flatMap(x -> publisher.reading(completed))
                .flatMap(x -> publisher.outcome(succeeded));
    }

    private Uni<Void> fail(CollectionRequested request, VendorFailure failure) {
        Instant now = Instant.now(clock);
        LOG.warnf("collection %s for server %s (%s) failed: %s %s", request.requestId(), request.serverId(),
                request.vendor().wireName(), failure.kind(), failure.getMessage());
        Uni<Void> rejected = Uni.createFrom().voidItem();
        if (failure.kind() == FailureKind.REJECTED_PAYLOAD && failure.rejectedBody() != null) {
            String body = failure.rejectedBody();
            int max = config.http().rejectedBodyMaxChars();
            rejected = publisher.rejected(new RejectedPayload(request.requestId(), request.dealerId(), request.feedId(),
                    request.serverId(), request.vendor(), failure.endpoint() == null ? "" : failure.endpoint(),
                    failure.getMessage(), body.length() > max ? body.substring(0, max) : body, body.length(), body.length() > max,
                    now));
        }
        CanopyEvent outcome = request.purpose() == CollectionPurpose.SERVER_CHECK || request.feedId() == null
                ? new ServerCheckFailed(request.requestId(), request.dealerId(), request.serverId(), request.vendor(),
                        request.asOf(), failure.kind(), failure.getMessage(), failure.httpStatus(), now)
                : new CollectionFailed(request.requestId(), request.dealerId(), request.accountId(), request.feedId(),
                        request.serverId(), request.vendor(), request.window(), request.purpose(), request.asOf(),
                        failure.kind(), failure.getMessage(), failure.httpStatus(), Math.max(1, failure.attempts()), now,
                        request.timeZone());
        return rejected.flatMap(x -> publisher.outcome(outcome));
    }

    private void count(CollectionRequested request, String outcome, String kind, long startedNanos) {
        metrics.counter("canopy.collector.collections", "vendor", request.vendor().wireName(), "outcome", outcome,
                "kind", kind).increment();
        metrics.timer("canopy.collector.collection.duration", "vendor", request.vendor().wireName())
                .record(java.time.Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    static Map<String, Integer> none() {
        return Map.of();
    }
}
