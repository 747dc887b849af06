package io.canopy.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class LargestRemainderTest {

    @Test
    void extraPagesGoToTheEarliestDaysOnTies() {
        assertThat(LargestRemainder.evenly(10, 4)).containsExactly(3, 3, 2, 2);
    }

    @Test
    void weightsDecideTheShares() {
        assertThat(LargestRemainder.apportion(100, new long[] { 1, 1, 2 })).containsExactly(25, 25, 50);
        assertThat(LargestRemainder.apportion(10, new long[] { 1, 2 })).containsExactly(3, 7);
    }

    @Property
    void partsAddUpAndDifferByAtMostOne(@ForAll @LongRange(max = 10_000_000) long total,
            @ForAll @IntRange(min = 1, max = 400) int parts) {
        long[] split = LargestRemainder.evenly(total, parts);
        assertThat(Arrays.stream(split).sum()).isEqualTo(total);
        assertThat(Arrays.stream(split).max().getAsLong() - Arrays.stream(split).min().getAsLong()).isLessThanOrEqualTo(1);
    }
}
