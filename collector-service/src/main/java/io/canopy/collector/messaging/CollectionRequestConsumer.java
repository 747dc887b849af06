package io.canopy.collector.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.DealerSlots;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.EventJson;
import io.canopy.kit.deadletter.DeadLetters;
import io.canopy.kit.health.Worker;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.inbox.Inbox;
import io.canopy.kit.inbox.UndecodableRecord;
import io.canopy.kit.tracing.TraceContexts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes {@code canopy.collection.requests.v1}. Each request is handed to {@link DealerSlots}: its
 * server's lane (serial per server, parallel across servers), slots shared fairly between dealers
 * ({@code max-in-flight} in all, {@code max-in-flight-per-dealer} each), a slot taken only when the
 * request can start; the consumer is held back when {@code max-waiting} wait. A request is acknowledged
 * only when the worker has published everything, so its offset is committed only then (throttled commit
 * strategy: out-of-order acks are committed as a contiguous prefix). A crash before that redoes the
 * request; deterministic ids make the repeat harmless.
 * A record that is not a collection request goes to {@code canopy.collection.requests.v1.dead-letter.v1}.
 */
@ApplicationScoped
public class CollectionRequestConsumer {

    private static final Logger LOG = Logger.getLogger(CollectionRequestConsumer.class);
    static final String CONSUMER = "collector.requests";

    @Inject
    CollectionWorker worker;

    @Inject
    CollectorConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Inbox inbox;

    @Inject
    DealerSlots slots;

    @PostConstruct
    void registerGauges() {
        Gauge.builder("canopy.collector.in_flight", slots, s -> s.running() + s.waiting())
                .description("collections running or waiting (for a slot, their dealer's turn or their server)")
                .register(metrics);
        Gauge.builder("canopy.collector.running", slots, DealerSlots::running)
                .description("collections running (each holds a slot)").register(metrics);
        Gauge.builder("canopy.collector.waiting", slots, DealerSlots::waiting)
                .description("collections accepted and waiting, holding no slot").register(metrics);
    }

    @Incoming("collection-requests")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onRequest(Message<byte[]> message) {
        CollectionRequested request;
        try {
            request = EventRecords.requireFields(EventJson.read(message.getPayload(), CollectionRequested.class),
                    where(message));
        } catch (RuntimeException e) {
            // Not a request we can run: the channel's dead-letter-queue strategy parks it on
            // canopy.collection.requests.v1.dead-letter.v1 and the consumer goes on.
            UndecodableRecord poison = new UndecodableRecord(where(message) + ": cannot read "
                    + CollectionRequested.class.getSimpleName() + ": " + e.getMessage(), e);
            message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .ifPresent(kafka -> deadLetters.rejected(CONSUMER, kafka.getRecord(), poison));
            return message.nack(poison);
        }
        CollectionRequested accepted = request;
        io.smallrye.mutiny.Context trace = CollectionPublisher.tracing(traceOf(message));
        return slots.admit(accepted.dealerId(), accepted.serverId(), accepted.maxConcurrency(), () -> {
            CompletableFuture<Void> published = new CompletableFuture<>();
            runUntilPublished(accepted, trace, message, inbox.config().retry().initialBackoff(), published);
            return published;
        });
    }

    /**
     * Runs the collection; if its results could not be published (the worker publishes vendor
     * failures as outcomes, so reaching the failure branch means Kafka itself failed), redoes it
     * after a growing pause instead of nacking: a good request is never dead-lettered, the channel
     * never fails, and readiness is DOWN until Kafka takes the results again. Deterministic ids make
     * the repeat harmless. The dealer's slot and the server's lane are held until the results are out,
     * so a redo never runs beside the server's next collection.
     */
    private void runUntilPublished(CollectionRequested accepted, io.smallrye.mutiny.Context trace, Message<byte[]> message,
            Duration backoff, CompletableFuture<Void> published) {
        Worker health = inbox.worker(CONSUMER);
        CompletionStage<Void> run;
        try {
            run = worker.run(accepted).subscribeAsCompletionStage(trace);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((ok, failure) -> {
                    if (failure == null) {
                        health.progressed();
                        message.ack();
                        published.complete(null);
                        return;
                    }
                    health.failing("results not published: " + failure.getMessage());
                    LOG.errorf("collection %s could not be published: %s; redoing it in %s", accepted.requestId(),
                            failure.getMessage(), backoff);
                    Duration doubled = backoff.multipliedBy(2);
                    Duration next = doubled.compareTo(inbox.config().retry().maxBackoff()) > 0
                            ? inbox.config().retry().maxBackoff() : doubled;
                    CompletableFuture.runAsync(() -> runUntilPublished(accepted, trace, message, next, published),
                            CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS));
                });
    }

    private static String where(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> kafka.getTopic() + "-" + kafka.getPartition() + "@" + kafka.getOffset())
                .orElse("a collection request");
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
