package io.canopy.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.inbox.UndecodableRecord;
import io.canopy.registry.service.CollectionFeedback;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code canopy.collection.outcomes.v1} (collector) and {@code canopy.health.v1} (health).
 * Each record is applied in one transaction with its message id; the offset is committed only after
 * the method returns (throttled commit of acknowledged records), so a crash redelivers and the
 * consumed-message log turns the repeat into a no-op. A record that is not a readable Canopy event
 * is logged (without its body) and skipped: it must not stop the feed of outcomes.
 */
@ApplicationScoped
public class FeedbackConsumer {

    private static final Logger LOG = Logger.getLogger(FeedbackConsumer.class);

    static final String OUTCOMES = "registry.outcomes";
    static final String HEALTH = "registry.health";

    @Inject
    CollectionFeedback feedback;

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
        CanopyEvent event;
        try {
            event = EventRecords.decode(record);
        } catch (UndecodableRecord e) {
            LOG.warnf("skipping unreadable record: %s", e.getMessage());
            return;
        }
        String id = EventRecords.id(record).orElse(event.eventId().toString());
        feedback.apply(consumer, id, event);
    }
}
