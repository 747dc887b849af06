package io.canopy.localstack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Test helper: sends a record through a real broker and reads it back. */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    /**
     * Produces one record (acks=all) to the topic and consumes from the beginning until a record
     * with the same key comes back; returns the value read, or throws after the timeout.
     */
    public static String roundTrip(String bootstrapServers, String topic, String value, Duration timeout) {
        String key = UUID.randomUUID().toString();
        try (var producer = TestKafka.producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic + " on " + bootstrapServers, e);
        }
        Predicate<ConsumerRecord<String, byte[]>> sent = record -> key.equals(record.key());
        return TestKafka.readUntil(bootstrapServers, topic, timeout, records -> records.stream().anyMatch(sent))
                .stream().filter(sent).findFirst()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("record sent to " + topic + " did not come back within "
                        + timeout));
    }
}
