package io.canopy.collector.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.ServerLanes;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.EventJson;
import io.canopy.kit.tracing.TraceContexts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes {@code canopy.collection.requests.v1}. Each request is handed to its server's lane
 * (serial per server, parallel across servers) and acknowledged only when the worker has published
 * everything, so its offset is committed only then (throttled commit strategy: out-of-order acks are
 * committed as a contiguous prefix). A crash before that redoes the request; deterministic ids make
 * the repeat harmless. The consumer is held back when {@code max-in-flight} collections run.
 */
@ApplicationScoped
public class CollectionRequestConsumer {

    private static final Logger LOG = Logger.getLogger(CollectionRequestConsumer.class);

    @Inject
    CollectionWorker worker;

    @Inject
    CollectorConfig config;

    @Inject
    MeterRegistry metrics;

    private final ServerLanes lanes = new ServerLanes();
    private final Deque<CompletableFuture<Void>> waitingForSlot = new ArrayDeque<>();
    private int inFlight;

    @PostConstruct
    void registerGauges() {
        Gauge.builder("canopy.collector.in_flight", lanes, ServerLanes::size)
                .description("collections running or queued behind their server").register(metrics);
    }

    @Incoming("collection-requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onRequest(Message<byte[]> message) {
        CollectionRequested request;
        try {
            request = EventJson.read(message.getPayload(), CollectionRequested.class);
        } catch (RuntimeException e) {
            // Not a request we can run: nothing to redo, so acknowledge and say so loudly.
            LOG.errorf("unreadable collection request skipped: %s", e.getMessage());
            metrics.counter("canopy.collector.requests.unreadable").increment();
            return message.ack();
        }
        CollectionRequested accepted = request;
        io.smallrye.mutiny.Context trace = CollectionPublisher.tracing(traceOf(message));
        return slot().thenRun(() -> lanes.submit(accepted.serverId(), accepted.maxConcurrency(),
                () -> worker.run(accepted).subscribeAsCompletionStage(trace))
                .whenComplete((ok, failure) -> {
                    releaseSlot();
                    if (failure != null) {
                        // The worker publishes failures as outcomes; reaching here means Kafka itself failed.
                        LOG.errorf("collection %s could not be published: %s; it will be redone",
                                accepted.requestId(), failure.getMessage());
                        message.nack(failure);
                    } else {
                        message.ack();
                    }
                }));
    }

    /**
     * The trace the request continues: the consumer span the Kafka connector started, else the
     * {@code traceparent} the record carries. The collection runs on other threads, so the worker's
     * publications get it through the Mutiny subscription rather than a thread-bound current span.
     */
    private static Context traceOf(Message<byte[]> message) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .filter(TraceContexts::hasSpan)
                .orElseGet(() -> message.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(kafka -> TraceContexts.fromHeaders(kafka.getHeaders())).orElse(Context.root()));
    }

    /** Completes when fewer than max-in-flight collections run: backpressure on the Kafka consumer. */
    private synchronized CompletableFuture<Void> slot() {
        if (inFlight < config.worker().maxInFlight()) {
            inFlight++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> wait = new CompletableFuture<>();
        waitingForSlot.add(wait);
        return wait;
    }

    private void releaseSlot() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waitingForSlot.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }
}
