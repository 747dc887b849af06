package io.canopy.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-02-03T02:00:00Z");

    @Test
    void secondsAreTheWait() {
        assertThat(RetryAfter.parse("2", NOW)).hasValue(Duration.ofSeconds(2));
        assertThat(RetryAfter.parse(" 120 ", NOW)).hasValue(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("0", NOW)).hasValue(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheWaitUntilThen() {
        assertThat(RetryAfter.parse("Tue, 03 Feb 2026 02:00:45 GMT", NOW)).hasValue(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse("Tue, 03 Feb 2026 01:59:00 GMT", NOW)).as("in the past").hasValue(Duration.ZERO);
    }

    @Test
    void anAbsentOrUnreadableHeaderLeavesTheWaitToOurBackoff() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("  ", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
    }

    @Test
    void aHugeNumberIsAWaitTooLongToHonourNotAnError() {
        Duration asked = RetryAfter.parse("99999999999999999999999", NOW).orElseThrow();
        assertThat(RetryAfter.honoured(asked, Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void waitsUpToTheLimitAreHonouredLongerOnesAreNot() {
        assertThat(RetryAfter.honoured(Duration.ofSeconds(30), Duration.ofSeconds(30))).isTrue();
        assertThat(RetryAfter.honoured(Duration.ofSeconds(31), Duration.ofSeconds(30))).isFalse();
    }
}
