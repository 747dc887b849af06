package io.canopy.health.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A feed's health as of a business date, with the unhealthy episodes that led there.
 *
 * @param verdict             health as of {@code asOf}
 * @param since               business date the verdict (status and reason) began
 * @param lastDataThrough     how far the newest data reaches (absent: never had data)
 * @param lastNewDataDay      the last day that had new data (absent: never had data)
 * @param consecutiveFailures nights in a row whose collections all failed, up to {@code asOf}
 * @param episodes            every unhealthy episode, oldest first; the last one is open when
 *                            the verdict is unhealthy
 */
public record FeedAssessment(LocalDate asOf, FeedVerdict verdict, LocalDate since, Instant lastDataThrough,
        LocalDate lastNewDataDay, int consecutiveFailures, List<Episode> episodes) {

    public FeedAssessment {
        episodes = List.copyOf(episodes);
    }

    /** The episode in progress (absent when healthy). */
    public Optional<Episode> openEpisode() {
        return episodes.isEmpty() || !episodes.get(episodes.size() - 1).open() ? Optional.empty()
                : Optional.of(episodes.get(episodes.size() - 1));
    }

    /** Closed episodes that recovered through new data and ask for a backfill. */
    public List<Episode> backfillingEpisodes() {
        return episodes.stream().filter(e -> e.backfillWindow().isPresent()).toList();
    }
}
