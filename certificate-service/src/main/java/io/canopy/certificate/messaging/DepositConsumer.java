package io.canopy.certificate.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.canopy.certificate.service.DepositProjection;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.inbox.UndecodableRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code canopy.deposits.v1} (keyed by account, so one account's deposits arrive in order
 * on one partition). The record is acknowledged, and its offset committed, only after
 * {@link DepositProjection} committed its effect; a crash in between redelivers it and the
 * consumed-message log makes that a no-op. A record that is not a readable event is skipped with
 * an error log and a metric: the topic is public and the consumer must keep running.
 */
@ApplicationScoped
public class DepositConsumer {

    private static final Logger LOG = Logger.getLogger(DepositConsumer.class);

    @Inject
    DepositProjection projection;

    @Inject
    MeterRegistry metrics;

    @Incoming("deposits")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        CanopyEvent event;
        try {
            event = EventRecords.decode(record);
        } catch (UndecodableRecord e) {
            LOG.errorf("skipped an unreadable record on %s: %s", record.topic(), e.getMessage());
            metrics.counter("canopy.certificates.records_unreadable").increment();
            return;
        }
        if (!(event instanceof DepositRecorded deposit)) {
            // Other event types on the topic are for other consumers (additive evolution).
            return;
        }
        String messageId = EventRecords.id(record).orElse(deposit.depositId().toString());
        DepositProjection.Outcome outcome = projection.apply(deposit, messageId);
        if (outcome != DepositProjection.Outcome.COUNTED) {
            LOG.debugf("deposit %s: %s", deposit.depositId(), outcome);
        }
    }
}
