package io.canopy.health.domain;

import java.util.List;
import java.util.Optional;

import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.FeedHealthChanged;

/**
 * What to publish for a feed after an evaluation, in this order: the backfills of recovered
 * episodes, then the change of health (so registry has the window before it sees "healthy").
 *
 * @param change absent when the verdict is the one already published (flapping guard)
 */
public record FeedDecision(FeedAssessment assessment, List<BackfillRequested> backfills, FeedHealthChanged change) {

    public FeedDecision {
        backfills = List.copyOf(backfills);
    }

    public Optional<FeedHealthChanged> healthChange() {
        return Optional.ofNullable(change);
    }
}
