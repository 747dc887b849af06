package io.canopy.collector.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A vendor's {@code Retry-After} on a 429 (DESIGN.md rule 7: retries honour it). The header is either
 * a number of seconds or an HTTP-date (RFC 9110 §10.2.3); a header we cannot read is treated as absent,
 * so our own backoff applies. A wait longer than we are willing to hold a collection for is not waited
 * out: the collection fails RATE_LIMITED and the next night (or a backfill) tries again.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, from {@code now}; never negative (a date in the past means "now").
     *
     * @return empty when the header is absent, blank or unreadable
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE)); // more digits than a long: forever
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a wait the vendor asked for is one we wait out ({@code max} itself included). */
    public static boolean honoured(Duration asked, Duration max) {
        return asked.compareTo(max) <= 0;
    }
}
