package io.canopy.metering.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

import io.canopy.metering.config.MeteringConfig;

/**
 * The consumer-side dead-letter topic: a record metering cannot process goes there unchanged (key,
 * body, CloudEvents headers) with why and where it came from, and so does every later record of
 * the same feed's request. Sent synchronously inside the consumer's transaction, before it
 * commits: a crash in between sends it again (operators see a repeat, never a loss).
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "canopy_dlt_reason";
    public static final String ORIGIN = "canopy_dlt_origin";

    @Inject
    MeteringConfig config;

    @Inject
    Config mpConfig;

    private KafkaProducer<String, byte[]> producer;

    public void send(ConsumerRecord<String, byte[]> record, String reason) {
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(config.consumer().deadLetterTopic(), record.key(),
                record.value());
        for (Header header : record.headers()) {
            parked.headers().add(header);
        }
        parked.headers().add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        parked.headers().add(ORIGIN, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(parked).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterUnavailable(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterUnavailable(e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            for (String name : mpConfig.getPropertyNames()) {
                if (name.equals("kafka.bootstrap.servers") || name.startsWith("kafka.security.")
                        || name.startsWith("kafka.sasl.") || name.startsWith("kafka.ssl.")) {
                    mpConfig.getOptionalValue(name, String.class).ifPresent(v -> props.put(name.substring(6), v));
                }
            }
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "metering-service-dead-letters");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Kafka did not take the dead letter: the batch is retried, nothing is lost. */
    public static class DeadLetterUnavailable extends RuntimeException {
        DeadLetterUnavailable(Throwable cause) {
            super("the dead-letter topic is unavailable: " + cause.getMessage(), cause);
        }
    }
}
