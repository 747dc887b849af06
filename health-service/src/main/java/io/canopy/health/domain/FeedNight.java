package io.canopy.health.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What one business night (one {@code as_of}) told about a feed, merged from every outcome and
 * deposit of that night. Merging is commutative and idempotent (or / max), so the stored night is
 * the same whatever order, and however often, its events arrive.
 *
 * @param succeeded       some collection of the feed succeeded that night
 * @param failed          some collection failed for a reason of the feed's own (not a server-wide one)
 * @param newestReadingAt newest reading time seen (vendors that report reading times)
 * @param newestDataDay   newest day known to hold data: an outcome's newestDataDate, the service
 *                        date of a deposit with pages
 */
public record FeedNight(LocalDate asOf, boolean succeeded, boolean failed, Instant newestReadingAt,
        LocalDate newestDataDay) {

    public FeedNight {
        if (asOf == null) {
            throw new IllegalArgumentException("a night needs its as_of");
        }
    }

    public static FeedNight succeeded(LocalDate asOf, Instant newestReadingAt, LocalDate newestDataDay) {
        return new FeedNight(asOf, true, false, newestReadingAt, newestDataDay);
    }

    public static FeedNight failed(LocalDate asOf, boolean countsAgainstFeed) {
        return new FeedNight(asOf, false, countsAgainstFeed, null, null);
    }

    public static FeedNight dataDay(LocalDate asOf, LocalDate day) {
        return new FeedNight(asOf, false, false, null, day);
    }

    public FeedNight merge(FeedNight other) {
        if (!asOf.equals(other.asOf)) {
            throw new IllegalArgumentException("cannot merge nights " + asOf + " and " + other.asOf);
        }
        return new FeedNight(asOf, succeeded || other.succeeded, failed || other.failed,
                max(newestReadingAt, other.newestReadingAt), max(newestDataDay, other.newestDataDay));
    }

    /** How far this night's data reaches in the zone, if it had any. */
    public Optional<Instant> dataThrough(ZoneId zone) {
        Instant fromDay = newestDataDay == null ? null : HealthPolicy.endOfDay(newestDataDay, zone);
        return Optional.ofNullable(max(newestReadingAt, fromDay));
    }

    static <T extends Comparable<? super T>> T max(T a, T b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
