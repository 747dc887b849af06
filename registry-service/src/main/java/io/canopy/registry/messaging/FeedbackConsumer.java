package io.canopy.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.canopy.kit.inbox.Inbox;
import io.canopy.registry.service.CollectionFeedback;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code canopy.collection.outcomes.v1} (collector) and {@code canopy.health.v1} (health).
 * Each record is applied in one transaction with its message id; the offset is committed only after
 * the method returns (throttled commit of acknowledged records), so a crash redelivers and the
 * consumed-message log turns the repeat into a no-op. A record that is not a readable Canopy event
 * goes to {@code <topic>.dead-letter.v1} (the channel's dead-letter-queue strategy): it must not
 * stop the feed of outcomes. A failure while applying a readable one is retried until it is applied
 * ({@link Inbox}), with readiness DOWN meanwhile.
 */
@ApplicationScoped
public class FeedbackConsumer {

    static final String OUTCOMES = "registry.outcomes";
    static final String HEALTH = "registry.health";

    @Inject
    CollectionFeedback feedback;

    @Inject
    Inbox inbox;

    @Incoming("collection-outcomes")
    @Blocking(ordered = true)
    public void outcome(ConsumerRecord<String, byte[]> record) {
        apply(OUTCOMES, record);
    }

    @Incoming("health-events")
    @Blocking(ordered = true)
    public void health(ConsumerRecord<String, byte[]> record) {
        apply(HEALTH, record);
    }

    private void apply(String consumer, ConsumerRecord<String, byte[]> record) {
        inbox.consume(consumer, record, (event, id) -> feedback.apply(consumer, id, event));
    }
}
