package io.canopy.localstack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.EventType;

/**
 * Records no consumer can use, produced the way a broken or hostile producer would: a garbage body,
 * no {@code ce_type}, or a real event with a required field removed.
 */
public final class PoisonRecords {

    private PoisonRecords() {
    }

    /** A body that is not JSON, labelled as the event's type. */
    public static void garbage(String bootstrapServers, String topic, String key, CanopyEvent labelledAs) {
        send(bootstrapServers, topic, key, "{not json".getBytes(StandardCharsets.UTF_8), Map.of(CloudEventHeaders.TYPE,
                EventType.of(labelledAs).ceType(), CloudEventHeaders.ID, "poison-" + labelledAs.eventId()));
    }

    /** A JSON body without any CloudEvents headers. */
    public static void withoutType(String bootstrapServers, String topic, String key) {
        send(bootstrapServers, topic, key, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The event with one required field removed, and otherwise its normal headers. */
    public static void withoutField(String bootstrapServers, String topic, CanopyEvent event, String field) {
        ObjectNode json;
        try {
            json = (ObjectNode) EventJson.mapper().readTree(EventJson.write(event));
            json.remove(field);
            byte[] body = EventJson.mapper().writeValueAsBytes(json);
            try (var producer = TestKafka.producer(bootstrapServers)) {
                var record = new ProducerRecord<String, byte[]>(topic, event.partitionKey(), body);
                CloudEventHeaders.of(event, "/canopy/poison", Instant.now()).forEach((k, v) -> record.headers().add(k, v));
                producer.send(record).get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static void send(String bootstrapServers, String topic, String key, byte[] body, Map<String, String> headers) {
        try (var producer = TestKafka.producer(bootstrapServers)) {
            var record = new ProducerRecord<String, byte[]>(topic, key, body);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
