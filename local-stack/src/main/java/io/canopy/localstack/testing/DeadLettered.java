package io.canopy.localstack.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.canopy.contracts.Topics;

/**
 * What reached a topic's dead-letter topic ({@code <topic>.dead-letter.v1}): tests wait for the
 * records of one key and read their headers.
 */
public final class DeadLettered {

    private DeadLettered() {
    }

    /**
     * Waits until at least {@code expected} records with this key are on the dead-letter topic of
     * {@code sourceTopic}; returns all of them in offset order per partition.
     */
    public static List<ConsumerRecord<String, byte[]>> await(String bootstrapServers, String sourceTopic, String key,
            int expected, Duration timeout) {
        String topic = Topics.deadLetterOf(sourceTopic);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, byte[]>> found = TopicContents.read(bootstrapServers, topic, timeout).stream()
                    .filter(r -> key.equals(r.key())).toList();
            if (found.size() >= expected) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " records with key " + key + " on " + topic + ", found "
                        + found.size() + " within " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The header's value as text, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
