package io.canopy.contracts.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DateWindowTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    @Test
    void fromIsIncludedAndToIsNot() {
        DateWindow window = DateWindow.of(MARCH_1, MARCH_1.plusDays(3));
        assertThat(window.contains(MARCH_1)).isTrue();
        assertThat(window.contains(MARCH_1.plusDays(2))).isTrue();
        assertThat(window.contains(MARCH_1.plusDays(3))).isFalse();
        assertThat(window.lengthInDays()).isEqualTo(3);
        assertThat(window).hasToString("[2026-03-01, 2026-03-04)");
    }

    @Test
    void anEmptyOrBackwardWindowIsRejectedClearly() {
        assertThatThrownBy(() -> DateWindow.of(MARCH_1, MARCH_1)).hasMessageContaining("from < to");
        assertThatThrownBy(() -> DateWindow.of(MARCH_1, MARCH_1.minusDays(1))).hasMessageContaining("from < to");
        assertThatThrownBy(() -> DateWindow.of(null, MARCH_1)).hasMessageContaining("both");
    }

    @Test
    void adjacentWindowsNeitherOverlapNorLeaveAGap() {
        DateWindow first = DateWindow.of(MARCH_1, MARCH_1.plusDays(5));
        DateWindow second = DateWindow.of(MARCH_1.plusDays(5), MARCH_1.plusDays(9));
        assertThat(first.overlaps(second)).isFalse();
        assertThat(first.intersection(second)).isEmpty();
        assertThat(DateWindow.of(MARCH_1, MARCH_1.plusDays(6)).intersection(second))
                .contains(DateWindow.day(MARCH_1.plusDays(5)));
    }

    @Property
    void splittingIntoDaysCoversEveryDayExactlyOnce(@ForAll @IntRange(min = 0, max = 800) int offset,
            @ForAll @IntRange(min = 1, max = 400) int length) {
        DateWindow window = DateWindow.of(MARCH_1.plusDays(offset), MARCH_1.plusDays(offset + length));
        List<DateWindow> days = window.splitIntoDays();
        assertThat(days).hasSize(length);
        assertThat(days.get(0).from()).isEqualTo(window.from());
        assertThat(days.get(days.size() - 1).to()).isEqualTo(window.to());
        for (int i = 1; i < days.size(); i++) {
            assertThat(days.get(i).from()).isEqualTo(days.get(i - 1).to());
        }
    }
}
