package io.canopy.health.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.canopy.health.service.HealthService;
import io.canopy.kit.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes collection outcomes ({@code canopy.collection.outcomes.v1}, keyed by feed or server)
 * and deposits ({@code canopy.deposits.v1}, keyed by account), decoding each record by its
 * {@code ce_type}. A record is acknowledged, and its offset committed, only after its effect
 * committed; a redelivery is recognised by its {@code ce_id} in the consumed-message log. A record
 * that is not a readable event goes to {@code <topic>.dead-letter.v1} (the channel's
 * dead-letter-queue strategy), so one bad record never stops health. A failure while applying a
 * readable record (PostgreSQL away, a bug) is retried with backoff until it is applied
 * ({@link Inbox}): the channel never fails, nothing is lost, readiness is DOWN meanwhile.
 */
@ApplicationScoped
public class HealthEventConsumer {

    static final String OUTCOMES_CONSUMER = "health.outcomes";
    static final String DEPOSITS_CONSUMER = "health.deposits";

    @Inject
    HealthService health;

    @Inject
    Inbox inbox;

    @Incoming("outcomes")
    @Blocking(ordered = true)
    public void onOutcome(ConsumerRecord<String, byte[]> record) {
        consume(OUTCOMES_CONSUMER, record);
    }

    @Incoming("deposits")
    @Blocking(ordered = true)
    public void onDeposit(ConsumerRecord<String, byte[]> record) {
        consume(DEPOSITS_CONSUMER, record);
    }

    private void consume(String consumer, ConsumerRecord<String, byte[]> record) {
        inbox.consumeCounted(consumer, record, "canopy.health.events",
                (event, messageId) -> health.apply(event, consumer, messageId));
    }
}
