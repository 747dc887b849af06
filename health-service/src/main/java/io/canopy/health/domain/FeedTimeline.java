package io.canopy.health.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.FeedHealthReason;

/**
 * Replays a feed's nights day by day in business time and judges each day with what was known by
 * then. The result is a function of the <em>set</em> of nights (merged per as_of) and the server's
 * signals, never of the order they arrived in: the same events give the same verdict and the same
 * episodes, whether they came in order, shuffled or twice.
 *
 * <p>Judgement of a day, most fundamental reason first, so one cause raises one alarm:
 * <ol>
 * <li>the feed's server is unhealthy → {@link FeedHealthReason#SERVER_UNHEALTHY} (the server's
 * failures are not also counted as the feed's, and a paused feed does not also go stale);</li>
 * <li>the last {@code failingAfterNights} nights with a collection of the feed all failed for a
 * feed-level reason → {@link FeedHealthReason#COLLECTION_FAILING};</li>
 * <li>no new data for {@code staleAfterBusinessDays} business days → {@link FeedHealthReason#STALE_DATA};</li>
 * <li>otherwise healthy.</li>
 * </ol>
 * A feed that never had data is measured from the start of its first night.
 */
public final class FeedTimeline {

    private final HealthPolicy policy;

    public FeedTimeline(HealthPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param nights the feed's nights in any order (several per as_of are merged)
     * @param today  the business date to judge at (the latest as_of seen); days after the last
     *               night are judged with no news
     * @return null when there is no night yet (nothing is known about the feed)
     */
    public FeedAssessment assess(Collection<FeedNight> nights, ServerHistory server, ZoneId zone, LocalDate today) {
        NavigableMap<LocalDate, FeedNight> byDay = new TreeMap<>();
        for (FeedNight night : nights) {
            byDay.merge(night.asOf(), night, FeedNight::merge);
        }
        if (byDay.isEmpty()) {
            return null;
        }
        LocalDate first = byDay.firstKey();
        LocalDate last = today.isAfter(byDay.lastKey()) ? today : byDay.lastKey();
        Instant neverHadData = HealthPolicy.businessNow(first, zone);

        Instant dataThrough = null;
        int failures = 0;
        FeedVerdict verdict = FeedVerdict.HEALTHY;
        LocalDate since = first;
        List<Episode> episodes = new ArrayList<>();
        Episode open = null;
        Instant dataAtFlag = null;

        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            FeedNight night = byDay.get(day);
            if (night != null) {
                dataThrough = FeedNight.max(dataThrough, night.dataThrough(zone).orElse(null));
                if (night.succeeded()) {
                    failures = 0;
                } else if (night.failed()) {
                    failures++;
                }
            }
            Instant reference = dataThrough == null ? neverHadData : dataThrough;
            FeedVerdict judged = judge(server.unhealthyOn(day), failures, policy.isStale(reference, day, zone));
            if (judged.equals(verdict)) {
                continue;
            }
            if (verdict.healthy()) {
                open = new Episode(episodeStart(reference, zone, episodes), day, judged.reason(), null, null);
                dataAtFlag = dataThrough;
            } else if (judged.healthy()) {
                boolean newData = dataThrough != null && (dataAtFlag == null || dataThrough.isAfter(dataAtFlag));
                DateWindow backfill = newData && open.start().isBefore(day) ? DateWindow.of(open.start(), day) : null;
                episodes.add(new Episode(open.start(), open.flaggedOn(), open.reason(), day, backfill));
                open = null;
            }
            verdict = judged;
            since = day;
        }
        if (open != null) {
            episodes.add(open);
        }
        LocalDate lastNewDataDay = dataThrough == null ? null : HealthPolicy.lastDataDay(dataThrough, zone);
        return new FeedAssessment(last, verdict, since, dataThrough, lastNewDataDay, failures, episodes);
    }

    /**
     * The business day after the last day with new data, unless an earlier episode already started
     * there (the data that ended it was from a day that is not a business day, or from the same day):
     * then the day that episode recovered, whose backfill covered the days before. So every episode
     * has its own start, and its own backfill id.
     */
    private LocalDate episodeStart(Instant reference, ZoneId zone, List<Episode> earlier) {
        LocalDate start = policy.episodeStart(HealthPolicy.lastDataDay(reference, zone));
        if (!earlier.isEmpty()) {
            Episode previous = earlier.get(earlier.size() - 1);
            if (!start.isAfter(previous.start())) {
                LocalDate afterPrevious = previous.start().plusDays(1);
                start = previous.recoveredOn().isAfter(afterPrevious) ? previous.recoveredOn() : afterPrevious;
            }
        }
        return start;
    }

    private FeedVerdict judge(boolean serverUnhealthy, int failures, boolean stale) {
        if (serverUnhealthy) {
            return FeedVerdict.unhealthy(FeedHealthReason.SERVER_UNHEALTHY);
        }
        if (failures >= policy.failingAfterNights()) {
            return FeedVerdict.unhealthy(FeedHealthReason.COLLECTION_FAILING);
        }
        if (stale) {
            return FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA);
        }
        return FeedVerdict.HEALTHY;
    }
}
