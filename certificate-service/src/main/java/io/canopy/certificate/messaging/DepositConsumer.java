package io.canopy.certificate.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.canopy.certificate.service.DepositProjection;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.inbox.Inbox;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code canopy.deposits.v1} (keyed by account, so one account's deposits arrive in order
 * on one partition). The record is acknowledged, and its offset committed, only after
 * {@link DepositProjection} committed its effect; a crash in between redelivers it and the
 * consumed-message log makes that a no-op. A record that is not a readable event goes to
 * {@code canopy.deposits.v1.dead-letter.v1} (the channel's dead-letter-queue strategy) and the
 * consumer continues; a failure while applying a readable one is retried until it is applied
 * ({@link Inbox}), with readiness DOWN meanwhile.
 */
@ApplicationScoped
public class DepositConsumer {

    static final String CONSUMER = "certificate.deposits";
    private static final Logger LOG = Logger.getLogger(DepositConsumer.class);

    @Inject
    DepositProjection projection;

    @Inject
    Inbox inbox;

    @Incoming("deposits")
    @Blocking(ordered = true)
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        inbox.consume(CONSUMER, record, (event, messageId) -> {
            if (!(event instanceof DepositRecorded deposit)) {
                // Other event types on the topic are for other consumers (additive evolution).
                return;
            }
            DepositProjection.Outcome outcome = projection.apply(deposit, messageId);
            if (outcome != DepositProjection.Outcome.COUNTED) {
                LOG.debugf("deposit %s: %s", deposit.depositId(), outcome);
            }
        });
    }
}
