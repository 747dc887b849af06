package io.canopy.registry.domain;

import java.time.LocalDate;
import java.util.Optional;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;

/**
 * A feed's collection watermark: every business day before {@code collectedThrough} was collected
 * successfully. Nightly windows start at the watermark (or the activation date before the first
 * success) and end at the run's {@code as_of}, so a failed night is simply covered by the next one.
 *
 * @param collectedThrough absent until the first successful collection
 */
public record Watermark(LocalDate activationDate, Optional<LocalDate> collectedThrough) {

    public Watermark {
        if (activationDate == null) {
            throw new IllegalArgumentException("a feed has an activation date");
        }
        collectedThrough = collectedThrough == null ? Optional.empty() : collectedThrough;
    }

    /** The first day not yet collected. */
    public LocalDate nextDay() {
        return collectedThrough.filter(day -> day.isAfter(activationDate)).orElse(activationDate);
    }

    /** The window a run as of {@code asOf} collects, or empty when everything before it is collected. */
    public Optional<DateWindow> nightlyWindow(LocalDate asOf) {
        return nightlyWindow(asOf, 0);
    }

    /**
     * As {@link #nightlyWindow(LocalDate)}, but reaching {@code lookbackDays} back before the
     * watermark (never before activation): history vendors receive late uploads for days already
     * collected (an agent that reports a day late, a day total that grows), and re-reading the last
     * few days every night picks them up; metering turns what changed into adjustments and ignores
     * what it already has (same snapshot ids, same aggregates).
     */
    public Optional<DateWindow> nightlyWindow(LocalDate asOf, int lookbackDays) {
        LocalDate next = nextDay();
        if (!next.isBefore(asOf)) {
            return Optional.empty();
        }
        LocalDate from = collectedThrough.isEmpty() ? next : next.minusDays(lookbackDays);
        return Optional.of(DateWindow.of(from.isBefore(activationDate) ? activationDate : from, asOf));
    }

    /** The first collection of a feed brings its history back to the activation date. */
    public CollectionPurpose nightlyPurpose() {
        return collectedThrough.isEmpty() ? CollectionPurpose.ACTIVATION : CollectionPurpose.NIGHTLY;
    }

    /**
     * The watermark after a successful collection of {@code window}. It only moves forward, and only
     * when the window starts at or before the first missing day: a manual or backfill window further
     * ahead must not make the gap before it look collected.
     */
    public Watermark afterSuccess(DateWindow window) {
        LocalDate next = nextDay();
        if (window.from().isAfter(next) || !window.to().isAfter(next)) {
            return this;
        }
        return new Watermark(activationDate, Optional.of(window.to()));
    }
}
