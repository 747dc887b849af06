package io.canopy.certificate.service;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.canopy.certificate.persistence.FeedStateRepository;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.kit.inbox.ConsumedMessages;
import io.canopy.kit.time.DealerBusinessTime;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What certificate learns about feeds, so a month waits for them (DESIGN.md "Month close and
 * certificates"), and the nights that move each dealer's business time (rule 12):
 * <ul>
 * <li>{@code canopy.collection.outcomes.v1}: a nightly or activation outcome moves its dealer's
 * business today (service-kit's {@code BusinessTime}: the only nightly evidence there is); every
 * outcome records when the feed was last collected, a success how far it has collected, and a
 * successful backfill collection clears the backfill it covers;</li>
 * <li>{@code canopy.health.v1}: {@code FeedHealthChanged} opens a staleness episode (unhealthy,
 * {@code STALE_DATA}, from the day after the last new data) and closes it (healthy);
 * {@code BackfillRequested} marks the episode's days as awaited until collected.</li>
 * </ul>
 * Each message applies once (its id in the consumed-message log, in the same transaction: rule 3).
 * Tenancy: an event naming a feed certificate knows under another dealer is skipped and counted.
 */
@ApplicationScoped
public class FeedEvidence {

    static final String SERVICE = "certificate";
    private static final Logger LOG = Logger.getLogger(FeedEvidence.class);

    public enum Outcome {
        APPLIED,
        REDELIVERED,
        NOT_FOR_CERTIFICATE,
        FOREIGN_DEALER
    }

    @Inject
    ConsumedMessages consumedMessages;

    @Inject
    FeedStateRepository feedStates;

    @Inject
    DealerBusinessTime businessTime;

    @Inject
    MeterRegistry metrics;

    @Transactional
    public Outcome apply(String consumer, String messageId, CanopyEvent event) {
        if (!consumedMessages.firstTime(consumer, messageId)) {
            return Outcome.REDELIVERED;
        }
        if (event instanceof CollectionSucceeded s) {
            if (foreign(s.dealerId(), s.feedId())) {
                return Outcome.FOREIGN_DEALER;
            }
            businessTime.observe(SERVICE, s, s.dealerId(), s.asOf());
            feedStates.recordOutcome(s.feedId(), s.dealerId(), s.accountId(), s.asOf(), s.window(),
                    s.purpose() == CollectionPurpose.BACKFILL);
            return Outcome.APPLIED;
        }
        if (event instanceof CollectionFailed f) {
            if (foreign(f.dealerId(), f.feedId())) {
                return Outcome.FOREIGN_DEALER;
            }
            businessTime.observe(SERVICE, f, f.dealerId(), f.asOf());
            feedStates.recordOutcome(f.feedId(), f.dealerId(), f.accountId(), f.asOf(), null, false);
            return Outcome.APPLIED;
        }
        if (event instanceof FeedHealthChanged c) {
            if (foreign(c.dealerId(), c.feedId())) {
                return Outcome.FOREIGN_DEALER;
            }
            businessTime.observe(SERVICE, c, c.dealerId(), c.asOf());
            boolean open = c.status() == HealthStatus.UNHEALTHY;
            boolean stale = open && c.reason() == FeedHealthReason.STALE_DATA;
            LocalDate since = c.lastNewDataDate() == null ? null : c.lastNewDataDate().plusDays(1);
            feedStates.recordStaleness(c.feedId(), c.dealerId(), c.accountId(), open, stale, since, c.changedAt());
            return Outcome.APPLIED;
        }
        if (event instanceof BackfillRequested b) {
            if (foreign(b.dealerId(), b.feedId())) {
                return Outcome.FOREIGN_DEALER;
            }
            businessTime.observe(SERVICE, b, b.dealerId(), b.asOf());
            feedStates.recordBackfill(b.feedId(), b.dealerId(), b.accountId(), b.backfillId(), b.window().from(),
                    b.window().to());
            return Outcome.APPLIED;
        }
        return Outcome.NOT_FOR_CERTIFICATE;
    }

    /** Rule 11 inside certificate: a feed known under another dealer is not this event's to change. */
    private boolean foreign(UUID dealerId, UUID feedId) {
        Optional<UUID> owner = feedStates.dealerOfFeed(feedId);
        if (owner.isPresent() && !owner.get().equals(dealerId)) {
            LOG.errorf("event of dealer %s names feed %s of another dealer; skipped", dealerId, feedId);
            metrics.counter("canopy.certificates.events_foreign_dealer").increment();
            return true;
        }
        return false;
    }
}
