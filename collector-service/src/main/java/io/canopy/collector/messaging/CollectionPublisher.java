package io.canopy.collector.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.canopy.contracts.Topics;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.kit.tracing.TraceContexts;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes events as CloudEvents (binary mode) keyed as DESIGN.md says; every Uni completes only
 * when the broker acknowledged the record (acks=all, idempotent producer).
 */
@ApplicationScoped
public class CollectionPublisher {

    static final String SOURCE = "/canopy/collector-service";

    private static final String TRACE = "otel-trace";

    @Inject
    KafkaClientService kafka;

    static final String READINGS_CHANNEL = "meter-readings";

    @Inject
    @Channel(READINGS_CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<byte[]> readings;

    static final String OUTCOMES_CHANNEL = "collection-outcomes";

    /** Declares the channels whose producers {@link #send} uses (records go to the producers directly). */
    @Inject
    @Channel(OUTCOMES_CHANNEL)
    MutinyEmitter<byte[]> outcomes;

    @Inject
    @Channel("collection-rejected")
    MutinyEmitter<byte[]> rejected;

    @Inject
    Clock clock;

    /**
     * A Mutiny subscription context carrying an OpenTelemetry trace: subscribe a collection with it
     * and every record this publisher sends for that collection continues the trace (DESIGN.md rule 13).
     */
    public static io.smallrye.mutiny.Context tracing(Context trace) {
        return io.smallrye.mutiny.Context.of(TRACE, trace);
    }

    /**
     * Sends a collection's readings straight to the readings channel's producer, all in one hop to its
     * sending thread, and completes when the broker acknowledged every one (the first failure fails
     * it). Not one emitter message per reading: per record, that path cost a reactive pipeline, a
     * context capture and an OpenTelemetry producer span, the largest share of the collector's CPU per
     * reading after the vendor I/O (JFR, CollectorThroughputBench). Same producer, same settings (acks=all,
     * idempotent, lz4), same records: key, CloudEvents headers, body, and the collection's
     * {@code traceparent}, so every reading still continues the trace of its request.
     */
    public Uni<Void> readings(List<? extends CanopyEvent> events) {
        return send(READINGS_CHANNEL, Topics.METER_READINGS, events);
    }

    /** Sends records to a channel's producer in one hop; completes when the broker acknowledged them all. */
    private Uni<Void> send(String channel, String topic, List<? extends CanopyEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().context(subscription -> {
            Context trace = subscription.getOrElse(TRACE, Context::current);
            byte[] traceparent = TraceContexts.traceparentOf(trace).map(t -> t.getBytes(StandardCharsets.UTF_8))
                    .orElse(null);
            Instant now = Instant.now(clock);
            List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>(events.size());
            for (CanopyEvent event : events) {
                RecordHeaders headers = new RecordHeaders();
                CloudEventHeaders.of(event, SOURCE, now).forEach(headers::add);
                if (traceparent != null) {
                    headers.add(TraceContexts.TRACEPARENT, traceparent);
                }
                records.add(new ProducerRecord<>(topic, null, event.partitionKey(), EventJson.write(event),
                        headers));
            }
            CompletableFuture<Void> acked = new CompletableFuture<>();
            AtomicInteger pending = new AtomicInteger(records.size());
            KafkaProducer<String, byte[]> producer = kafka.getProducer(channel);
            return producer.runOnSendingThread(raw -> {
                for (ProducerRecord<String, byte[]> record : records) {
                    raw.send(record, (metadata, failure) -> {
                        if (failure != null) {
                            acked.completeExceptionally(failure);
                        } else if (pending.decrementAndGet() == 0) {
                            acked.complete(null);
                        }
                    });
                }
            }).flatMap(sent -> Uni.createFrom().completionStage(acked))
                    // acks arrive on the producer's I/O thread: go on elsewhere so it only does I/O
                    .emitOn(Infrastructure.getDefaultExecutor());
        });
    }

    /** One record on the readings topic ({@code CollectionCompleted}), the same way as the readings. */
    public Uni<Void> reading(CanopyEvent event) {
        return send(READINGS_CHANNEL, Topics.METER_READINGS, List.of(event));
    }

    public Uni<Void> outcome(CanopyEvent event) {
        return send(OUTCOMES_CHANNEL, Topics.COLLECTION_OUTCOMES, List.of(event));
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
