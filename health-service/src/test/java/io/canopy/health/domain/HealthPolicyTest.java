package io.canopy.health.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.BusinessCalendar;

/** Business-day staleness arithmetic: weekends, holidays, time zones and DST. March 2026: the 6th is a Friday. */
class HealthPolicyTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId DENVER = ZoneId.of("America/Denver");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);
    static final LocalDate TUESDAY = LocalDate.of(2026, 3, 10);
    static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 11);
    static final LocalDate THURSDAY = LocalDate.of(2026, 3, 12);

    final HealthPolicy policy = new HealthPolicy(BusinessCalendar.weekendsAnd(Set.of()), 3, 3);

    static Instant at(LocalDate day, int hour, int minute, ZoneId zone) {
        return day.atTime(hour, minute).atZone(zone).toInstant();
    }

    @Test
    void fridayEveningReadingBecomesStaleOnWednesdayEvening() {
        Instant fridayEvening = at(FRIDAY, 18, 0, UTC);

        assertThat(policy.staleAt(fridayEvening, UTC)).isEqualTo(at(WEDNESDAY, 18, 0, UTC));
        assertThat(policy.isStale(fridayEvening, WEDNESDAY, UTC)).isFalse();
        assertThat(policy.isStale(fridayEvening, THURSDAY, UTC)).as("the run as of Thursday is after Wednesday evening")
                .isTrue();
    }

    @Test
    void staleAfterExactlyThreeBusinessDaysNotTwoPointNine() {
        Instant mondayMidnight = at(MONDAY, 0, 0, UTC);
        assertThat(policy.isStale(mondayMidnight, THURSDAY, UTC)).as("exactly 3.0 business days").isTrue();

        Instant mondayLateMorning = at(MONDAY, 2, 24, UTC); // 0.1 day later: 2.9 business days by Thursday 00:00
        assertThat(policy.isStale(mondayLateMorning, THURSDAY, UTC)).isFalse();
        assertThat(policy.isStale(mondayLateMorning, THURSDAY.plusDays(1), UTC)).isTrue();
        assertThat(policy.staleAt(mondayLateMorning, UTC)).isEqualTo(at(THURSDAY, 2, 24, UTC));
    }

    @Test
    void weekendDataCountsFromMondayMorning() {
        Instant saturday = at(FRIDAY.plusDays(1), 10, 0, UTC);
        assertThat(policy.staleAt(saturday, UTC)).isEqualTo(at(THURSDAY, 0, 0, UTC));
    }

    @Test
    void configuredHolidaysAreSkipped() {
        HealthPolicy withHoliday = new HealthPolicy(BusinessCalendar.weekendsAnd(Set.of(TUESDAY)), 3, 3);
        Instant fridayEvening = at(FRIDAY, 18, 0, UTC);

        assertThat(withHoliday.staleAt(fridayEvening, UTC)).isEqualTo(at(THURSDAY, 18, 0, UTC));
        assertThat(withHoliday.isStale(fridayEvening, THURSDAY, UTC)).isFalse();
        assertThat(withHoliday.episodeStart(FRIDAY)).isEqualTo(MONDAY);
        assertThat(new HealthPolicy(BusinessCalendar.weekendsAnd(Set.of(MONDAY)), 3, 3).episodeStart(FRIDAY))
                .isEqualTo(TUESDAY);
    }

    @Test
    void theAccountsTimeZoneDecidesWhichDayAReadingBelongsTo() {
        // Thursday 23:30 in Denver is already Friday 06:30 in UTC.
        Instant lateThursdayInDenver = at(FRIDAY.minusDays(1), 23, 30, DENVER);
        assertThat(LocalDateTime.ofInstant(lateThursdayInDenver, UTC).toLocalDate()).isEqualTo(FRIDAY);

        assertThat(policy.isStale(lateThursdayInDenver, WEDNESDAY, DENVER)).as("Thu 23:30 + 3 business days = Tue 23:30")
                .isTrue();
        assertThat(policy.isStale(lateThursdayInDenver, WEDNESDAY, UTC)).as("Fri 06:30 + 3 business days = Wed 06:30")
                .isFalse();
        assertThat(HealthPolicy.lastDataDay(lateThursdayInDenver, DENVER)).isEqualTo(FRIDAY.minusDays(1));
        assertThat(HealthPolicy.lastDataDay(lateThursdayInDenver, UTC)).isEqualTo(FRIDAY);
    }

    @Test
    void aDaylightSavingChangeKeepsTheLocalTimeOfTheDeadline() {
        // New York springs forward on Sunday 2026-03-08: 4 days and 23 hours pass, the wall clock shows the same time.
        Instant fridayEvening = at(FRIDAY, 23, 0, NEW_YORK);
        Instant deadline = policy.staleAt(fridayEvening, NEW_YORK);

        assertThat(deadline.atZone(NEW_YORK).toLocalDateTime()).isEqualTo(WEDNESDAY.atTime(23, 0));
        assertThat(java.time.Duration.between(fridayEvening, deadline)).hasHours(4 * 24 + 23);
        assertThat(policy.isStale(fridayEvening, THURSDAY, NEW_YORK)).isTrue();
        assertThat(policy.isStale(fridayEvening, WEDNESDAY, NEW_YORK)).isFalse();
    }

    @Test
    void aDayOnlySignalReachesTheEndOfThatDayInTheZone() {
        Instant endOfFriday = HealthPolicy.endOfDay(FRIDAY, DENVER);

        assertThat(endOfFriday).isEqualTo(at(FRIDAY.plusDays(1), 0, 0, DENVER));
        assertThat(HealthPolicy.lastDataDay(endOfFriday, DENVER)).isEqualTo(FRIDAY);
        assertThat(policy.staleAt(endOfFriday, DENVER)).as("Saturday counts from Monday").isEqualTo(at(THURSDAY, 0, 0, DENVER));
        assertThat(HealthPolicy.lastDataDay(at(FRIDAY, 23, 0, DENVER), DENVER)).isEqualTo(FRIDAY);
    }

    @Test
    void thresholdsMustBePositive() {
        BusinessCalendar calendar = BusinessCalendar.weekendsAnd(Set.of());
        assertThatThrownBy(() -> new HealthPolicy(calendar, 0, 3)).hasMessageContaining("stale-after-business-days");
        assertThatThrownBy(() -> new HealthPolicy(calendar, 3, 0)).hasMessageContaining("failing-after-nights");
    }
}
