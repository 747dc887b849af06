package io.canopy.contracts.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BusinessCalendarTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);
    private static final LocalDate GOOD_FRIDAY = LocalDate.of(2026, 4, 3);
    private final BusinessCalendar calendar = BusinessCalendar.weekendsAnd(Set.of(GOOD_FRIDAY));

    @Test
    void weekendsAndHolidaysAreNotBusinessDays() {
        assertThat(FRIDAY.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(calendar.isBusinessDay(FRIDAY)).isTrue();
        assertThat(calendar.isBusinessDay(FRIDAY.plusDays(1))).isFalse();
        assertThat(calendar.isBusinessDay(FRIDAY.plusDays(2))).isFalse();
        assertThat(calendar.isBusinessDay(GOOD_FRIDAY)).isFalse();
    }

    @Test
    void threeBusinessDaysAfterAFridayIsTheWednesday() {
        assertThat(calendar.plusBusinessDays(FRIDAY, 3)).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(calendar.businessDaysAfter(FRIDAY, LocalDate.of(2026, 3, 10))).isEqualTo(2);
        assertThat(calendar.businessDaysAfter(FRIDAY, LocalDate.of(2026, 3, 11))).isEqualTo(3);
    }

    @Test
    void aHolidaySkipsForward() {
        LocalDate thursday = GOOD_FRIDAY.minusDays(1);
        assertThat(calendar.nextBusinessDay(thursday)).isEqualTo(LocalDate.of(2026, 4, 6));
        assertThat(calendar.previousBusinessDay(LocalDate.of(2026, 4, 6))).isEqualTo(thursday);
    }

    @Property
    void plusBusinessDaysLandsOnABusinessDayExactlyNBusinessDaysLater(@ForAll @IntRange(min = 0, max = 3000) int offset,
            @ForAll @IntRange(min = 1, max = 40) int n) {
        LocalDate start = LocalDate.of(2025, 1, 1).plusDays(offset);
        LocalDate end = calendar.plusBusinessDays(start, n);
        assertThat(calendar.isBusinessDay(end)).isTrue();
        assertThat(calendar.businessDaysAfter(start, end)).isEqualTo(n);
        assertThat(calendar.businessDaysAfter(start, end.minusDays(1))).isEqualTo(n - 1);
    }
}
