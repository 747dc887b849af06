package io.canopy.metering.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.canopy.kit.deadletter.DeadLetters;
import io.canopy.kit.health.Worker;
import io.canopy.kit.health.Workers;
import io.canopy.kit.inbox.Failures;
import io.canopy.kit.kafka.KafkaClientSettings;
import io.canopy.metering.config.MeteringConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Entry point of metering's input: consumes {@code canopy.meter.readings.v1} with a plain Kafka
 * consumer so the order of effects is explicit — poll, apply the batch in one PostgreSQL
 * transaction ({@link ReadingsProcessor}), and only then commit the offsets (DESIGN.md rule 3).
 * A crash in between redelivers the batch; readings are idempotent by snapshot id and a
 * completion by its message id, so nothing is counted twice.
 *
 * <p>When PostgreSQL or Kafka fail, the batch is rewound and retried with growing pauses. When a
 * batch fails for another reason (a record the code cannot handle), it is applied record by record
 * and the failing record is parked with its request, so one bad record never stops the feed's
 * partition. A failure of Kafka itself (poll) replaces the consumer; the thread only ends at
 * shutdown, and its state is in {@code canopy-workers} readiness (DOWN while failing or dead).
 */
@ApplicationScoped
public class ReadingsConsumer {

    private static final Logger LOG = Logger.getLogger(ReadingsConsumer.class);

    @Inject
    ReadingsProcessor processor;

    @Inject
    MeteringConfig config;

    @Inject
    Config mpConfig;

    /** This loop's name in {@link Workers} ({@code canopy-workers} readiness). */
    public static final String WORKER = "metering.readings";

    @Inject
    Workers workers;

    private volatile boolean running;
    private volatile boolean stopping;
    /** The current Kafka consumer; null while a new one is due. Package-visible for tests. */
    volatile KafkaConsumer<String, byte[]> consumer;
    private Thread worker;
    private Worker health;

    void onStart(@Observes StartupEvent startup) {
        if (config.consumer().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /** Starts consuming (joins the consumer group). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopping = false;
        worker = new Thread(this::run, "metering-readings-consumer");
        worker.setDaemon(true);
        health = workers.register(WORKER);
        health.restarted(worker);
        worker.start();
    }

    /** Stops consuming and leaves the group; what was applied but not committed is redelivered later. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        stopping = true;
        running = false;
        workers.deregister(WORKER);
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            worker.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread's body: whatever ends the loop other than {@link #stop} is reported, never silent. */
    private void run() {
        try {
            loop();
        } catch (Throwable t) {
            LOG.errorf(t, "readings consumer stopped unexpectedly");
            health.stopped(t.getClass().getSimpleName() + ": " + t.getMessage());
            throw t;
        } finally {
            closeQuietly();
            if (!stopping) {
                health.stopped("the consumer's loop ended");
            }
        }
    }

    /**
     * Polls and applies until stopped. A failure of Kafka itself (poll, subscribe, a wakeup that
     * was not {@link #stop}) closes the consumer and makes a new one after a pause: the thread never
     * ends on it. Records not committed are redelivered to the new consumer.
     */
    private void loop() {
        Duration backoff = config.consumer().initialBackoff();
        while (running) {
            try {
                KafkaConsumer<String, byte[]> kafka = consumer();
                ConsumerRecords<String, byte[]> polled = kafka.poll(config.consumer().pollTimeout());
                if (polled.isEmpty()) {
                    health.pending(false);
                    health.progressed();
                    continue;
                }
                health.pending(true);
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                polled.forEach(batch::add);
                try {
                    apply(batch);
                    kafka.commitSync(nextOffsets(batch));
                    health.progressed();
                    backoff = config.consumer().initialBackoff();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warnf("readings batch of %d records not applied (%s); retrying in %s", batch.size(),
                            e.getMessage(), backoff);
                    health.failing(e.getClass().getSimpleName() + ": " + e.getMessage());
                    rewind(kafka, batch);
                    pause(backoff);
                    backoff = grow(backoff);
                }
            } catch (WakeupException e) {
                if (!running) {
                    return; // stop() was called: uncommitted records are redelivered to whoever consumes next
                }
                backoff = recover(e, backoff);
            } catch (RuntimeException e) {
                backoff = recover(e, backoff);
            }
        }
    }

    /** Kafka failed under the consumer: drop it, pause, and let the loop make a new one. */
    private Duration recover(RuntimeException failure, Duration backoff) {
        LOG.warnf("readings consumer: Kafka failed (%s: %s); a new consumer in %s", failure.getClass().getSimpleName(),
                failure.getMessage(), backoff);
        health.failing("poll failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        closeQuietly();
        pause(backoff);
        return grow(backoff);
    }

    private Duration grow(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.consumer().maxBackoff()) > 0 ? config.consumer().maxBackoff() : doubled;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> current = consumer;
        if (current == null) {
            current = new KafkaConsumer<>(consumerConfig());
            current.subscribe(List.of(config.consumer().topic()));
            consumer = current;
        }
        return current;
    }

    private void closeQuietly() {
        KafkaConsumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("closing the readings consumer: %s", e.getMessage());
            }
        }
    }

    /** All in one transaction; if a record (not the infrastructure) is at fault, one by one, parking the culprit. */
    private void apply(List<ConsumerRecord<String, byte[]>> batch) {
        try {
            processor.process(batch);
        } catch (RuntimeException e) {
            if (infrastructureFailure(e)) {
                throw e;
            }
            LOG.warnf("a record of a batch of %d could not be applied (%s); applying one by one", batch.size(),
                    e.getMessage());
            for (ConsumerRecord<String, byte[]> record : batch) {
                try {
                    processor.process(List.of(record));
                } catch (RuntimeException single) {
                    if (infrastructureFailure(single)) {
                        throw single;
                    }
                    processor.park(record, "cannot be processed: " + single.getMessage());
                }
            }
        }
    }

    /**
     * PostgreSQL or Kafka unavailable, or a conflict that a retry resolves (service-kit's
     * {@link Failures}: SQLSTATE classes 08, 40, 53, 55, 57, 58; without SQLSTATE only the JDBC
     * transient kinds, I/O causes and the pool's acquisition timeout, so a state-less driver or code
     * error parks its record instead of stalling the partition forever), and the dead-letter topic
     * not taking records. Retried for the whole batch; anything else is the record's own fault.
     */
    static boolean infrastructureFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeadLetters.DeadLetterUnavailable) {
                return true;
            }
        }
        return Failures.isTransient(failure);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    /** Seeks every partition of the batch back to its first record, so the next poll hands it over again. */
    private static void rewind(KafkaConsumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach((partition, offset) -> {
            if (kafka.assignment().contains(partition)) {
                kafka.seek(partition, offset);
            }
        });
    }

    private void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = KafkaClientSettings.consumer(mpConfig, config.consumer().groupId());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.consumer().maxPollRecords());
        // A crashed replica's feeds move to the others after 10 s instead of Kafka's default 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return props;
    }
}
