package io.canopy.kit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.canopy.contracts.Topics;
import io.canopy.kit.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one dead-letter mechanism (DESIGN.md "Topics"): a record of {@code <topic>} that a consumer
 * cannot read goes to {@code <topic>.dead-letter.v1} unchanged, with {@link DeadLetterHeaders}, is
 * counted in {@value #METRIC} (tags {@code topic} = the source topic, {@code consumer}), and the
 * consumer continues.
 * <ul>
 * <li>SmallRye channels: the consumer throws the {@link io.canopy.kit.inbox.UndecodableRecord} that
 * {@link #rejected} counted; the channel's {@code failure-strategy=canopy-dead-letter-queue}
 * ({@link DeadLetterUnlessInterrupted}: SmallRye's dead-letter queue, but an interrupted record is
 * left unacknowledged) sends it;</li>
 * <li>plain Kafka consumers (metering): {@link #publish} sends it, synchronously, before the
 * consumer commits the offset (a crash in between repeats the dead letter, never loses it).</li>
 * </ul>
 */
@ApplicationScoped
public class DeadLetters {

    /** Prometheus: {@code canopy_dead_letters_total{topic,consumer}}. */
    public static final String METRIC = "canopy.dead_letters";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    Instance<MeterRegistry> meters;

    @Inject
    Config mpConfig;

    private KafkaProducer<String, byte[]> producer;

    /**
     * Counts and logs a record a SmallRye channel is about to reject; returns the reason, for the
     * consumer to throw so that the channel's dead-letter-queue strategy parks the record.
     */
    public <E extends RuntimeException> E rejected(String consumer, ConsumerRecord<?, ?> record, E reason) {
        count(consumer, record.topic());
        LOG.warnf("%s: %s-%d@%d goes to %s: %s", consumer, record.topic(), record.partition(), record.offset(),
                Topics.deadLetterOf(record.topic()), reason.getMessage());
        return reason;
    }

    /**
     * Parks the record on its topic's dead-letter topic with the reason and where it came from, and
     * counts it. Returns once Kafka acknowledged it (acks=all).
     *
     * @throws DeadLetterUnavailable when Kafka did not take it: the caller retries, nothing is lost
     */
    public void publish(String consumer, ConsumerRecord<String, byte[]> record, String reason, Throwable cause) {
        String target = Topics.deadLetterOf(record.topic());
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(target, record.key(), record.value());
        for (Header header : record.headers()) {
            parked.headers().add(header);
        }
        add(parked, DeadLetterHeaders.REASON, reason);
        add(parked, DeadLetterHeaders.TOPIC, record.topic());
        add(parked, DeadLetterHeaders.PARTITION, Integer.toString(record.partition()));
        add(parked, DeadLetterHeaders.OFFSET, Long.toString(record.offset()));
        if (cause != null) {
            add(parked, DeadLetterHeaders.EXCEPTION_CLASS, cause.getClass().getName());
            if (cause.getCause() != null) {
                add(parked, DeadLetterHeaders.CAUSE, String.valueOf(cause.getCause().getMessage()));
                add(parked, DeadLetterHeaders.CAUSE_CLASS, cause.getCause().getClass().getName());
            }
        }
        try {
            producer().send(parked).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterUnavailable(target, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterUnavailable(target, e);
        }
        count(consumer, record.topic());
        LOG.warnf("%s: %s-%d@%d parked on %s: %s", consumer, record.topic(), record.partition(), record.offset(), target,
                reason);
    }

    private void count(String consumer, String topic) {
        if (meters.isResolvable()) {
            Counter.builder(METRIC).description("records parked on their topic's dead-letter topic")
                    .tag("topic", topic).tag("consumer", consumer).register(meters.get()).increment();
        }
    }

    private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = KafkaClientSettings.producer(mpConfig,
                    mpConfig.getOptionalValue("quarkus.application.name", String.class).orElse("canopy") + "-dead-letters");
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

    /** Kafka did not take the dead letter: the consumer retries, nothing is lost. */
    public static class DeadLetterUnavailable extends RuntimeException {
        DeadLetterUnavailable(String topic, Throwable cause) {
            super(topic + " is unavailable: " + cause.getMessage(), cause);
        }
    }
}
