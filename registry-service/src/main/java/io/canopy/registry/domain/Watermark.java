package io.canopy.registry.domain;

import java.time.LocalDate;
import java.util.Optional;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.VendorType;

/**
 * A feed's collection watermark: every business day before {@code collectedThrough} was collected
 * successfully. Nightly windows start at the watermark (or the activation date before the first
 * success) and end at the run's {@code as_of}, so a failed night is simply covered by the next one.
 *
 * <p>The activation date's own pages count (DESIGN.md "Domain arithmetic"): a meter device's baseline
 * is its last reading before the activation day. A current-counter vendor cannot look back, so its
 * counters must be read on the night whose {@code as_of} is the activation date (they are then the
 * end of the day before): that night collects the {@link #baselineWindow() baseline window}
 * {@code [A-1, A)}, whose success sets the watermark to the activation date.
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

    /** A window and the purpose of the request that collects it. */
    public record Collection(DateWindow window, CollectionPurpose purpose) {
    }

    /**
     * What a run as of {@code asOf} asks of a feed whose vendor reports usage the {@code kind} way:
     * {@link #nightlyWindow(LocalDate, int)} with {@link #nightlyPurpose()}, except on the activation
     * night of a current-counter vendor, which reads the baseline ({@link #baselineWindow()}, purpose
     * activation) instead of finding nothing to collect. History vendors find their baseline by
     * looking back from a window that starts at the activation date (collector), and aggregate
     * vendors count volumes from the activation date on: neither is ever asked for the day before.
     */
    public Optional<Collection> nightly(LocalDate asOf, int lookbackDays, VendorType.Kind kind) {
        if (kind == VendorType.Kind.CURRENT_COUNTERS && asOf.equals(activationDate) && awaitsBaseline()) {
            return Optional.of(new Collection(baselineWindow(), CollectionPurpose.ACTIVATION));
        }
        return nightlyWindow(asOf, lookbackDays).map(window -> new Collection(window, nightlyPurpose()));
    }

    /**
     * The window of the activation-night read, {@code [A-1, A)}: the counters read then are the
     * baseline of the activation day. Its request id H(feed, window, activation) is the same whether
     * the nightly run of the activation date or the feed's creation on that business day sends it,
     * so the two are one request.
     */
    public DateWindow baselineWindow() {
        return DateWindow.of(activationDate.minusDays(1), activationDate);
    }

    /** Whether nothing has been collected from the activation date on, not even its baseline. */
    public boolean awaitsBaseline() {
        return collectedThrough.filter(day -> !day.isBefore(activationDate)).isEmpty();
    }

    /**
     * The watermark after a successful collection of {@code window}. It only moves forward, and only
     * when the window starts at or before the first missing day: a manual or backfill window further
     * ahead must not make the gap before it look collected. The activation night's baseline window
     * {@code [A-1, A)} moves it to the activation date.
     */
    public Watermark afterSuccess(DateWindow window) {
        if (window.equals(baselineWindow()) && awaitsBaseline()) {
            // the baseline is read: nothing before the activation date is ever collected
            return new Watermark(activationDate, Optional.of(activationDate));
        }
        LocalDate next = nextDay();
        if (window.from().isAfter(next) || !window.to().isAfter(next)) {
            return this;
        }
        return new Watermark(activationDate, Optional.of(window.to()));
    }
}
