package io.canopy.health.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.events.ServerHealthChanged;

/**
 * Decides what health publishes, by comparing what the events now say with what was already
 * published. A change is published only when the state really changes (status or reason), and a
 * backfill only once per episode (its id is derived from feed and episode start), so evaluating
 * again — on the next event, on the hourly sweep, after a restart or a redelivery — publishes
 * nothing new.
 */
public final class HealthRules {

    private final FeedTimeline timeline;

    public HealthRules(HealthPolicy policy) {
        this.timeline = new FeedTimeline(policy);
    }

    /**
     * @param published          the verdict last published for the feed (healthy for a new feed)
     * @param backfillsRequested ids of the backfills already requested for the feed
     * @param now                wall-clock stamp for {@code changedAt}/{@code requestedAt} only;
     *                           no decision depends on it (rule 12)
     * @return empty when nothing is known about the feed yet
     */
    public Optional<FeedDecision> decideFeed(FeedKey feed, ZoneId zone, Collection<FeedNight> nights,
            ServerHistory server, LocalDate today, FeedVerdict published, Set<UUID> backfillsRequested, Instant now) {
        FeedAssessment assessment = timeline.assess(nights, server, zone, today);
        if (assessment == null) {
            return Optional.empty();
        }
        if (feed.serverId() == null) {
            // Only deposits so far: the events health publishes name the server, wait for an outcome.
            return Optional.of(new FeedDecision(assessment, List.of(), null));
        }
        List<BackfillRequested> backfills = new ArrayList<>();
        for (Episode episode : assessment.backfillingEpisodes()) {
            UUID id = episode.backfillId(feed.feedId());
            if (!backfillsRequested.contains(id)) {
                backfills.add(new BackfillRequested(id, feed.dealerId(), feed.accountId(), feed.feedId(), feed.serverId(),
                        episode.backfill(), episode.recoveredOn(), now));
            }
        }
        FeedVerdict verdict = assessment.verdict();
        FeedHealthChanged change = verdict.equals(published) ? null
                : new FeedHealthChanged(feed.dealerId(), feed.accountId(), feed.feedId(), feed.serverId(), verdict.status(),
                        verdict.reason(), assessment.lastNewDataDay(), assessment.since(), now);
        return Optional.of(new FeedDecision(assessment, backfills, change));
    }

    /**
     * The server's change, if its latest signal says something else than what was published.
     * Stamped with the signal's business date and moment, so a replay yields the same event.
     */
    public static Optional<ServerHealthChanged> decideServer(UUID dealerId, UUID serverId, ServerHistory history,
            HealthStatus publishedStatus, FailureKind publishedReason) {
        Optional<ServerSignal> latest = history.latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        ServerSignal signal = latest.get();
        HealthStatus status = signal.healthy() ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
        if (status == publishedStatus && Objects.equals(signal.kind(), publishedReason)) {
            return Optional.empty();
        }
        return Optional.of(new ServerHealthChanged(dealerId, serverId, status, signal.kind(), signal.detail(),
                signal.asOf(), signal.at()));
    }
}
