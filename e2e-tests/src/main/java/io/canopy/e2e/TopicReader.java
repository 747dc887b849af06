package io.canopy.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.localstack.testing.TopicContents;

/** Reads a topic the way a downstream subscriber would: from the beginning, decoding CloudEvents. */
public final class TopicReader {

    private final String bootstrap;

    public TopicReader(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Every event on the topic up to its end as of now. */
    public List<CanopyEvent> readAll(String topic) {
        return TopicContents.read(bootstrap, topic, Duration.ofSeconds(60)).stream().map(TopicReader::decode).toList();
    }

    /** Polls {@link #readAll} until the condition holds on what was read, or fails after the timeout. */
    public List<CanopyEvent> awaitAll(String topic, Predicate<List<CanopyEvent>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<CanopyEvent> events = readAll(topic);
            if (condition.test(events)) {
                return events;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition on " + topic + " not met within " + timeout + " (" + events.size()
                        + " events read)");
            }
            sleep(250);
        }
    }

    static CanopyEvent decode(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return EventJson.read(record.value(), new String(type.value(), StandardCharsets.UTF_8));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
