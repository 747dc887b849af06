package io.canopy.collector.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes events as CloudEvents (binary mode) keyed as DESIGN.md says; every Uni completes only
 * when the broker acknowledged the record (acks=all, idempotent producer).
 */
@ApplicationScoped
public class CollectionPublisher {

    static final String SOURCE = "/canopy/collector-service";

    private static final String TRACE = "otel-trace";

    /** Sends in flight per collection; the producer keeps their order per partition. */
    private static final int SEND_CONCURRENCY = 64;

    @Inject
    @Channel("meter-readings")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<byte[]> readings;

    @Inject
    @Channel("collection-outcomes")
    MutinyEmitter<byte[]> outcomes;

    @Inject
    @Channel("collection-rejected")
    MutinyEmitter<byte[]> rejected;

    Clock clock = Clock.systemUTC();

    /**
     * A Mutiny subscription context carrying an OpenTelemetry trace: subscribe a collection with it
     * and every record this publisher sends for that collection continues the trace (DESIGN.md rule 13).
     */
    public static io.smallrye.mutiny.Context tracing(Context trace) {
        return io.smallrye.mutiny.Context.of(TRACE, trace);
    }

    public Uni<Void> readings(List<? extends CanopyEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().context(subscription -> Multi.createFrom().iterable(events)
                .onItem().transformToUni(event -> readings.sendMessage(message(event, subscription)))
                .merge(SEND_CONCURRENCY)
                .collect().last().replaceWithVoid());
    }

    public Uni<Void> reading(CanopyEvent event) {
        return Uni.createFrom().context(subscription -> readings.sendMessage(message(event, subscription)));
    }

    public Uni<Void> outcome(CanopyEvent event) {
        return Uni.createFrom().context(subscription -> outcomes.sendMessage(message(event, subscription)));
    }

    public Uni<Void> rejected(CanopyEvent event) {
        return Uni.createFrom().context(subscription -> rejected.sendMessage(message(event, subscription)));
    }

    private Message<byte[]> message(CanopyEvent event, io.smallrye.mutiny.Context subscription) {
        RecordHeaders headers = new RecordHeaders();
        Map<String, byte[]> ce = CloudEventHeaders.of(event, SOURCE, Instant.now(clock));
        ce.forEach(headers::add);
        Context trace = subscription.getOrElse(TRACE, Context::current);
        return Message.of(EventJson.write(event)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.partitionKey()).withHeaders(headers).build())
                .addMetadata(TracingMetadata.withCurrent(trace));
    }
}
