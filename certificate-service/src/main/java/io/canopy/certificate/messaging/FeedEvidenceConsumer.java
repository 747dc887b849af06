package io.canopy.certificate.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.canopy.certificate.service.FeedEvidence;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.inbox.UndecodableRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes collection outcomes ({@code canopy.collection.outcomes.v1}, keyed by feed or server) and
 * health changes ({@code canopy.health.v1}, keyed by feed or server): the nights that move each
 * dealer's business time and the facts a month waits for ({@link FeedEvidence}). A record is
 * acknowledged, and its offset committed, only after its effect committed; a redelivery is a no-op.
 * A record that is not a readable event is skipped with an error log and a metric.
 */
@ApplicationScoped
public class FeedEvidenceConsumer {

    static final String OUTCOMES_CONSUMER = "certificate.outcomes";
    static final String HEALTH_CONSUMER = "certificate.health";
    private static final Logger LOG = Logger.getLogger(FeedEvidenceConsumer.class);

    @Inject
    FeedEvidence evidence;

    @Inject
    MeterRegistry metrics;

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
        CanopyEvent event;
        try {
            event = EventRecords.decode(record);
        } catch (UndecodableRecord e) {
            LOG.errorf("skipped an unreadable record on %s: %s", record.topic(), e.getMessage());
            metrics.counter("canopy.certificates.feed_records_unreadable", "topic", record.topic()).increment();
            return;
        }
        String messageId = EventRecords.id(record).orElse(event.eventId().toString());
        FeedEvidence.Outcome outcome = evidence.apply(consumer, messageId, event);
        metrics.counter("canopy.certificates.feed_events", "topic", record.topic(), "outcome", outcome.name().toLowerCase())
                .increment();
    }
}
