package io.canopy.health.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.health.service.HealthService;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.inbox.UndecodableRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes collection outcomes ({@code canopy.collection.outcomes.v1}, keyed by feed or server)
 * and deposits ({@code canopy.deposits.v1}, keyed by account), decoding each record by its
 * {@code ce_type}. A record is acknowledged, and its offset committed, only after its effect
 * committed; a redelivery is recognised by its {@code ce_id} in the consumed-message log. A record
 * that is not a readable event is skipped with an error log and a metric, so one bad record never
 * stops health. A database fault is retried a few times, then fails the channel (readiness goes
 * down, the record is redelivered after restart) rather than losing the record.
 */
@ApplicationScoped
public class HealthEventConsumer {

    static final String OUTCOMES_CONSUMER = "health.outcomes";
    static final String DEPOSITS_CONSUMER = "health.deposits";
    private static final Logger LOG = Logger.getLogger(HealthEventConsumer.class);
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    @Inject
    HealthService health;

    @Inject
    MeterRegistry metrics;

    @Incoming("outcomes")
    @Blocking(ordered = true)
    public void onOutcome(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        consume(OUTCOMES_CONSUMER, record);
    }

    @Incoming("deposits")
    @Blocking(ordered = true)
    public void onDeposit(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        consume(DEPOSITS_CONSUMER, record);
    }

    private void consume(String consumer, ConsumerRecord<String, byte[]> record) throws InterruptedException {
        CanopyEvent event;
        try {
            event = EventRecords.decode(record);
        } catch (UndecodableRecord e) {
            LOG.errorf("skipped an unreadable record on %s: %s", record.topic(), e.getMessage());
            metrics.counter("canopy.health.records_unreadable", "topic", record.topic()).increment();
            return;
        }
        String messageId = EventRecords.id(record).orElse(event.eventId().toString());
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1;; attempt++) {
            try {
                HealthService.Applied applied = health.apply(event, consumer, messageId);
                metrics.counter("canopy.health.events", "topic", record.topic(), "outcome", applied.name().toLowerCase())
                        .increment();
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("applying %s %s failed (attempt %d of %d): %s; retrying in %s", event.getClass().getSimpleName(),
                        messageId, attempt, ATTEMPTS, e.getMessage(), backoff);
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        }
    }
}
