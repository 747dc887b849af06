package io.canopy.kit.inbox;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.kit.deadletter.DeadLetters;
import io.canopy.kit.health.Worker;
import io.canopy.kit.health.Workers;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consuming half every SmallRye channel of ours shares: decode the record, then apply it until
 * it is applied. The rule ({@link Failures}):
 * <ul>
 * <li>a record that is not a readable, valid event (poison) is counted and rejected with an
 * {@link UndecodableRecord}: the channel's {@code failure-strategy=canopy-dead-letter-queue}
 * ({@link io.canopy.kit.deadletter.DeadLetterUnlessInterrupted}) parks it on
 * {@code <topic>.dead-letter.v1} and the channel goes on with the next record;</li>
 * <li>any other failure while applying (PostgreSQL away, a bug) is retried in place with bounded
 * exponential backoff ({@code canopy.inbox.retry.*}) until it succeeds: the record is never
 * dead-lettered or dropped, the channel never fails, the partition keeps its order
 * ({@code @Blocking(ordered = true)}), and the consumer's {@link Worker} keeps readiness DOWN
 * meanwhile. If the service shuts down mid-retry the thread's interruption ends the retries with
 * {@link Interrupted}, and the record is left unacknowledged for the next consumer.</li>
 * </ul>
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /** Applies one event; {@code messageId} is its {@code ce_id} for the consumed-message log. */
    @FunctionalInterface
    public interface Effect {
        void apply(CanopyEvent event, String messageId);
    }

    /** Applies one event and names what it did (an enum such as APPLIED or DUPLICATE), for the count. */
    @FunctionalInterface
    public interface CountedEffect {
        Enum<?> apply(CanopyEvent event, String messageId);
    }

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry metrics;

    @Inject
    Workers workers;

    @Inject
    InboxConfig config;

    /** The retry settings ({@code canopy.inbox.retry.*}), for consumers that retry asynchronously. */
    public InboxConfig config() {
        return config;
    }

    /** The worker that reports this consumer's health ({@code consumer <name>}). */
    public Worker worker(String consumer) {
        return workers.register("consumer " + consumer);
    }

    /**
     * Decodes and applies one record.
     *
     * @throws UndecodableRecord when the record is poison (for the channel's dead-letter strategy)
     */
    public void consume(String consumer, ConsumerRecord<String, byte[]> record, Effect effect) {
        CanopyEvent event = decode(consumer, record);
        String messageId = EventRecords.id(record).orElse(event.eventId().toString());
        applyUntilDone(consumer, record, () -> {
            effect.apply(event, messageId);
            return null;
        });
    }

    /**
     * Like {@link #consume}, and counts what each applied record did as {@code <metric>{topic, outcome}}
     * (outcome in lower case), so every consumer's counters carry the same tags.
     */
    public void consumeCounted(String consumer, ConsumerRecord<String, byte[]> record, String metric,
            CountedEffect effect) {
        consume(consumer, record, (event, messageId) -> {
            Enum<?> outcome = effect.apply(event, messageId);
            metrics.counter(metric, "topic", record.topic(), "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
        });
    }

    /** Decodes the record; a poison one is counted and its {@link UndecodableRecord} thrown. */
    public CanopyEvent decode(String consumer, ConsumerRecord<String, byte[]> record) {
        try {
            return EventRecords.decode(record);
        } catch (UndecodableRecord e) {
            throw deadLetters.rejected(consumer, record, e);
        }
    }

    /**
     * Runs {@code apply} until it returns, retrying every non-poison failure with backoff.
     *
     * @throws UndecodableRecord when applying showed the record itself is at fault (e.g. the database
     *                           rejects its content): retrying cannot help, so it is dead-lettered
     */
    public <T> T applyUntilDone(String consumer, ConsumerRecord<?, ?> record, Supplier<T> apply) {
        Worker worker = worker(consumer);
        worker.pending(true);
        Duration backoff = config.retry().initialBackoff();
        for (int attempt = 1;; attempt++) {
            try {
                T result = apply.get();
                worker.progressed();
                worker.pending(false);
                return result;
            } catch (RuntimeException e) {
                if (Failures.isPoison(e)) {
                    worker.progressed();
                    worker.pending(false);
                    throw deadLetters.rejected(consumer, record, e instanceof UndecodableRecord u ? u
                            : new UndecodableRecord(where(record) + ": rejected while applying: " + e.getMessage(), e));
                }
                worker.failing(e.getClass().getSimpleName() + ": " + e.getMessage());
                LOG.warnf("%s: applying %s failed (attempt %d, %s): %s; retrying in %s", consumer, where(record), attempt,
                        Failures.classify(e), e.getMessage(), backoff);
                sleep(backoff, record);
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(config.retry().maxBackoff()) > 0 ? config.retry().maxBackoff() : doubled;
            }
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static void sleep(Duration pause, ConsumerRecord<?, ?> record) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            // Shutting down: the channel's failure strategy (DeadLetterUnlessInterrupted) leaves the
            // record unacknowledged, so it is redelivered to whoever consumes the partition next.
            Thread.currentThread().interrupt();
            throw new Interrupted(where(record) + ": interrupted while retrying", e);
        }
    }
}
