package io.canopy.certificate.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.canopy.certificate.service.FeedEvidence;
import io.canopy.kit.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes collection outcomes ({@code canopy.collection.outcomes.v1}, keyed by feed or server) and
 * health changes ({@code canopy.health.v1}, keyed by feed or server): the nights that move each
 * dealer's business time and the facts a month waits for ({@link FeedEvidence}). A record is
 * acknowledged, and its offset committed, only after its effect committed; a redelivery is a no-op.
 * A record that is not a readable event goes to {@code <topic>.dead-letter.v1} (the channel's
 * dead-letter-queue strategy) and the consumer continues; a failure while applying a readable one
 * is retried until it is applied ({@link Inbox}), with readiness DOWN meanwhile.
 */
@ApplicationScoped
public class FeedEvidenceConsumer {

    static final String OUTCOMES_CONSUMER = "certificate.outcomes";
    static final String HEALTH_CONSUMER = "certificate.health";

    @Inject
    FeedEvidence evidence;

    @Inject
    Inbox inbox;

    @Incoming("outcomes")
    @Blocking(ordered = true)
    public void onOutcome(ConsumerRecord<String, byte[]> record) {
        consume(OUTCOMES_CONSUMER, record);
    }

    @Incoming("health")
    @Blocking(ordered = true)
    public void onHealth(ConsumerRecord<String, byte[]> record) {
        consume(HEALTH_CONSUMER, record);
    }

    private void consume(String consumer, ConsumerRecord<String, byte[]> record) {
        inbox.consumeCounted(consumer, record, "canopy.certificates.feed_events",
                (event, messageId) -> evidence.apply(consumer, messageId, event));
    }
}
