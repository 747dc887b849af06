package io.canopy.localstack.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw Kafka clients a test uses to stand in for another service on a real broker. Every
 * service's tests send and read records the same way (String keys, bodies as the bytes on the wire,
 * CloudEvents in headers), so the settings live here once instead of in each test support: a
 * producer that waits for every replica (acks=all, so a test's next step never races its own send)
 * and a consumer of a group of its own that reads a topic from its beginning and commits nothing.
 */
public final class TestKafka {

    private TestKafka() {
    }

    public static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return producer(bootstrapServers, Map.of());
    }

    /** As {@link #producer(String)}, with more producer settings (a bench batches its sends with linger.ms). */
    public static KafkaProducer<String, byte[]> producer(String bootstrapServers, Map<String, ?> moreSettings) {
        Map<String, Object> settings = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        settings.putAll(moreSettings);
        return new KafkaProducer<>(settings);
    }

    /**
     * A consumer in a fresh group, so it reads what it subscribes to from the beginning (earliest)
     * whatever any other test read before; it commits nothing, as nobody will ever resume that group.
     */
    public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return consumer(bootstrapServers, Map.of());
    }

    /** As {@link #consumer(String)}, with more consumer settings (a bench polls larger batches). */
    public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, Map<String, ?> moreSettings) {
        Map<String, Object> settings = readerSettings(bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.putAll(moreSettings);
        return new KafkaConsumer<>(settings);
    }

    /**
     * A consumer in no group, for {@code assign} and {@code seek}: it reads partitions as they are
     * and leaves no trace on the broker ({@link TopicContents}).
     */
    static KafkaConsumer<String, byte[]> consumerWithoutGroup(String bootstrapServers) {
        return new KafkaConsumer<>(readerSettings(bootstrapServers));
    }

    /**
     * Every record of the topic from its beginning, polled until {@code done} holds on what was read
     * so far or the timeout passes; returns what was read either way, so the caller's assertion says
     * what was missing.
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(String bootstrapServers, String topic,
            Duration timeout, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = consumer(bootstrapServers)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (done.test(records)) {
                    return records;
                }
            }
        }
        return records;
    }

    private static Map<String, Object> readerSettings(String bootstrapServers) {
        return new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }
}
