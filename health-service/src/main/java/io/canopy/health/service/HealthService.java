package io.canopy.health.service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.events.ServerHealthChanged;
import io.canopy.health.config.HealthConfig;
import io.canopy.health.domain.FeedDecision;
import io.canopy.health.domain.FeedNight;
import io.canopy.health.domain.FeedVerdict;
import io.canopy.health.domain.HealthRules;
import io.canopy.health.domain.Observation;
import io.canopy.health.domain.ServerHistory;
import io.canopy.health.persistence.FeedHealthRepository;
import io.canopy.health.persistence.FeedHistoryRepository;
import io.canopy.health.persistence.HistoryEntry;
import io.canopy.health.persistence.ServerHealthRepository;
import io.canopy.health.persistence.StoredFeed;
import io.canopy.health.persistence.StoredServer;
import io.canopy.kit.inbox.ConsumedMessages;
import io.canopy.kit.outbox.Outbox;
import io.canopy.kit.time.DealerBusinessTime;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies consumed events and evaluates health. One event is one transaction: the message id, the
 * merged facts, the new health rows, their history and the events to publish (outbox) commit
 * together (DESIGN.md rules 2 and 3), so a redelivery is a no-op and a crash publishes nothing
 * half-decided. Decisions come from {@link HealthRules}; this class only loads, stores and publishes.
 */
@ApplicationScoped
public class HealthService {

    private static final Logger LOG = Logger.getLogger(HealthService.class);
    private static final String SERVICE = "health";

    /** Outcome of applying one message. */
    public enum Applied {
        APPLIED,
        REDELIVERED,
        NOT_FOR_HEALTH
    }

    @Inject
    FeedHealthRepository feedHealth;

    @Inject
    FeedHistoryRepository feedHistory;

    @Inject
    ServerHealthRepository serverHealth;

    @Inject
    ConsumedMessages consumedMessages;

    @Inject
    DealerBusinessTime businessTime;

    @Inject
    Outbox outbox;

    @Inject
    HealthConfig config;

    @Inject
    MeterRegistry metrics;

    /** Stamps checked_at/changed_at and the events' changedAt; never decides anything (rule 12). */
    Clock clock = Clock.systemUTC();

    private HealthRules rules;

    @PostConstruct
    void init() {
        rules = new HealthRules(config.policy());
    }

    @Transactional
    public Applied apply(CanopyEvent event, String consumer, String messageId) {
        if (!consumedMessages.firstTime(consumer, messageId)) {
            return Applied.REDELIVERED;
        }
        Optional<Observation> seen = Observation.of(event);
        if (seen.isEmpty()) {
            return Applied.NOT_FOR_HEALTH;
        }
        Observation o = seen.get();
        if (belongsToAnotherDealer(o)) {
            metrics.counter("canopy.health.events_foreign_dealer").increment();
            return Applied.NOT_FOR_HEALTH;
        }
        // Only a nightly outcome moves the dealer's business today (service-kit's BusinessTime); any
        // other event dated beyond it is still merged as a fact, but is counted and logged, and ages nothing.
        businessTime.observe(SERVICE, event, o.dealerId(), o.asOf());
        o.feedKey().ifPresent(feed -> {
            feedHealth.upsertFeed(feed, o.timeZone());
            feedHealth.mergeFeedNight(feed.feedId(), o.night());
        });
        boolean serverChanged = false;
        if (o.serverSignal().isPresent()) {
            serverHealth.ensureServer(o.serverId(), o.dealerId());
            serverHealth.mergeServerSignal(o.serverId(), o.server());
            serverChanged = evaluateServer(o.serverId());
        }
        // Feeds judged again: the event's own, and every feed of a server whose health changed (they
        // now report SERVER_UNHEALTHY, or stop doing so). Sorted: one lock order.
        SortedSet<UUID> feeds = new TreeSet<>();
        o.feedKey().ifPresent(f -> feeds.add(f.feedId()));
        if (serverChanged) {
            feeds.addAll(feedHealth.feedsOfServer(o.serverId()));
        }
        feeds.forEach(this::evaluateFeed);
        return Applied.APPLIED;
    }

    /**
     * Tenancy (rule 11) holds inside health too: an event naming a known feed or server of another
     * dealer is a producer bug; it must not touch that dealer's health. Logged and skipped.
     */
    private boolean belongsToAnotherDealer(Observation o) {
        Optional<UUID> feedDealer = o.feedKey().flatMap(f -> feedHealth.dealerOfFeed(f.feedId()));
        Optional<UUID> serverDealer = o.serverId() == null ? Optional.empty() : serverHealth.dealerOfServer(o.serverId());
        for (Optional<UUID> owner : List.of(feedDealer, serverDealer)) {
            if (owner.isPresent() && !owner.get().equals(o.dealerId())) {
                LOG.errorf("event of dealer %s names feed %s / server %s of another dealer; skipped", o.dealerId(),
                        o.feedKey().map(f -> f.feedId()).orElse(null), o.serverId());
                return true;
            }
        }
        return false;
    }

    /** Judges one feed again against its dealer's today; used by the sweep. */
    @Transactional
    public void reevaluateFeed(UUID feedId) {
        evaluateFeed(feedId);
    }

    /** @return true when the server's published status or reason changed */
    boolean evaluateServer(UUID serverId) {
        StoredServer stored = serverHealth.lockServer(serverId).orElseThrow();
        ServerHistory history = ServerHistory.of(serverHealth.serverSignals(serverId));
        Instant now = clock.instant();
        Optional<ServerHealthChanged> change = HealthRules.decideServer(stored.dealerId(), serverId, history, stored.status(),
                stored.reason());
        if (change.isEmpty()) {
            serverHealth.saveServer(serverId, stored.status(), stored.reason(), stored.detail(), null, now, null);
            return false;
        }
        ServerHealthChanged c = change.get();
        outbox.append(c, Topics.HEALTH);
        serverHealth.saveServer(serverId, c.status(), c.reason(), c.detail(), c.asOf(), now, c.changedAt());
        metrics.counter("canopy.health.server.changes", "status", c.status().name().toLowerCase(), "reason",
                c.reason() == null ? "none" : c.reason().name().toLowerCase()).increment();
        LOG.infof("server %s is now %s%s (as of %s)", serverId, c.status(), c.reason() == null ? "" : " (" + c.reason() + ")",
                c.asOf());
        return stored.status() != c.status();
    }

    void evaluateFeed(UUID feedId) {
        Optional<StoredFeed> locked = feedHealth.lockFeed(feedId);
        if (locked.isEmpty()) {
            return;
        }
        StoredFeed stored = locked.get();
        LocalDate today = businessTime.today(stored.key().dealerId()).orElse(null);
        if (today == null) {
            return;
        }
        ServerHistory server = stored.key().serverId() == null ? ServerHistory.unknown()
                : ServerHistory.of(serverHealth.serverSignals(stored.key().serverId()));
        Instant now = clock.instant();
        // Facts dated beyond the dealer's business today are kept, but judged only once a night has
        // reached them (rule 12): a far-future event ages nothing.
        List<FeedNight> nights = feedHealth.feedNights(feedId).stream().filter(n -> !n.asOf().isAfter(today)).toList();
        Optional<FeedDecision> decided = rules.decideFeed(stored.key(), zone(stored), nights, server,
                today, stored.published(), feedHistory.requestedBackfills(feedId), now);
        if (decided.isEmpty()) {
            return;
        }
        FeedDecision decision = decided.get();
        for (BackfillRequested backfill : decision.backfills()) {
            outbox.append(backfill, Topics.HEALTH);
            feedHistory.appendHistory(feedId, stored.key().dealerId(), HistoryEntry.Change.BACKFILL, HealthStatus.HEALTHY, null,
                    backfill.asOf(), decision.assessment().lastNewDataDay(), backfill.window().from(), backfill.backfillId(),
                    backfill.window().from(), backfill.window().to());
            metrics.counter("canopy.health.backfills.requested").increment();
            LOG.infof("feed %s recovered: backfill %s requested for %s", feedId, backfill.backfillId(), backfill.window());
        }
        FeedVerdict published = stored.published();
        Instant changedAt = null;
        LocalDate since = stored.since();
        if (decision.healthChange().isPresent()) {
            FeedHealthChanged c = decision.healthChange().get();
            outbox.append(c, Topics.HEALTH);
            LocalDate episodeStart = decision.assessment().openEpisode().map(e -> e.start()).orElse(null);
            feedHistory.appendHistory(feedId, stored.key().dealerId(), HistoryEntry.Change.STATUS, c.status(), c.reason(),
                    c.asOf(), c.lastNewDataDate(), episodeStart, null, null, null);
            published = new FeedVerdict(c.status(), c.reason());
            changedAt = now;
            since = c.asOf();
            metrics.counter("canopy.health.feed.changes", "status", c.status().name().toLowerCase(), "reason",
                    c.reason() == null ? "none" : c.reason().name().toLowerCase()).increment();
            LOG.infof("feed %s is now %s%s (as of %s)", feedId, c.status(), c.reason() == null ? "" : " (" + c.reason() + ")",
                    c.asOf());
        } else if (published.equals(decision.assessment().verdict())) {
            since = decision.assessment().since();
        }
        var a = decision.assessment();
        feedHealth.saveFeedEvaluation(feedId, published, since, a.asOf(), a.lastDataThrough(), a.lastNewDataDay(),
                a.consecutiveFailures(), a.openEpisode().map(e -> e.start()).orElse(null), now, changedAt);
    }

    private ZoneId zone(StoredFeed feed) {
        if (feed.timeZone() == null) {
            return config.defaultTimeZone();
        }
        try {
            return ZoneId.of(feed.timeZone());
        } catch (DateTimeException e) {
            LOG.warnf("feed %s has an unknown time zone '%s'; judged in %s", feed.feedId(), feed.timeZone(),
                    config.defaultTimeZone());
            return config.defaultTimeZone();
        }
    }
}
