package io.canopy.collector.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.DealerSlots;
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
 * the repeat harmless. Slots are shared fairly between dealers ({@link DealerSlots}: {@code max-in-flight}
 * in all, {@code max-in-flight-per-dealer} each); the consumer is held back when {@code max-waiting} wait.
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
    private DealerSlots slots;

    @PostConstruct
    void registerGauges() {
        slots = new DealerSlots(config.worker().maxInFlight(), config.worker().maxInFlightPerDealer(),
                config.worker().maxWaiting());
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
        return slots.admit(accepted.dealerId(), () -> lanes.submit(accepted.serverId(), accepted.maxConcurrency(),
                () -> worker.run(accepted).subscribeAsCompletionStage(trace))
                .whenComplete((ok, failure) -> {
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
}
