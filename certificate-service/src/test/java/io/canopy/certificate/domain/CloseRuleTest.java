package io.canopy.certificate.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CloseRuleTest {

    private final CloseRule rule = new CloseRule(3);
    private final YearMonth january = YearMonth.of(2026, 1);

    @Test
    void januaryClosesWithTheNightlyRunOfTheFourthOfFebruary() {
        assertThat(rule.closesOn(january)).isEqualTo(LocalDate.of(2026, 2, 4));
        assertThat(rule.isDue(january, LocalDate.of(2026, 2, 3))).isFalse();
        assertThat(rule.isDue(january, LocalDate.of(2026, 2, 4))).isTrue();
    }

    @Test
    void aMonthHasEndedOnlyAfterItsLastDay() {
        assertThat(CloseRule.hasEnded(january, LocalDate.of(2026, 1, 31))).isFalse();
        assertThat(CloseRule.hasEnded(january, LocalDate.of(2026, 2, 1))).isTrue();
    }

    @Test
    void leapFebruaryEndsOnTheTwentyNinth() {
        assertThat(rule.closesOn(YearMonth.of(2028, 2))).isEqualTo(LocalDate.of(2028, 3, 4));
    }

    @Test
    void negativeGraceIsRejected() {
        assertThatThrownBy(() -> new CloseRule(-1)).hasMessageContaining("close-after-days");
    }

    @Property
    void latestDueMonthIsExactlyTheLastMonthThatIsDue(@ForAll @IntRange(min = 0, max = 4000) int dayOffset,
            @ForAll @IntRange(min = 0, max = 40) int closeAfterDays) {
        CloseRule anyRule = new CloseRule(closeAfterDays);
        LocalDate today = LocalDate.of(2025, 1, 1).plusDays(dayOffset);
        YearMonth latest = anyRule.latestDueMonth(today);
        assertThat(anyRule.isDue(latest, today)).isTrue();
        assertThat(anyRule.isDue(latest.plusMonths(1), today)).isFalse();
    }
}
