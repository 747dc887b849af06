package io.canopy.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class CounterValueTest {

    private final DroppedValues dropped = new DroppedValues();

    private OptionalLong parse(Object raw) {
        return CounterValue.parse(raw, dropped);
    }

    @Test
    void integralNumbersAndNumericStringsAreCounts() {
        assertThat(parse(123L)).hasValue(123);
        assertThat(parse(7)).hasValue(7);
        assertThat(parse(BigInteger.valueOf(Long.MAX_VALUE).min(BigInteger.valueOf(CounterValue.ABSURD)))).isPresent();
        assertThat(parse(" 4567 ")).hasValue(4567);
        assertThat(parse("12.0")).as("an integral decimal string").hasValue(12);
        assertThat(parse(0L)).hasValue(0);
        assertThat(dropped.total()).isZero();
    }

    @Test
    void eachKindOfGarbageIsDroppedWithItsReason() {
        List<Object> garbage = java.util.Arrays.asList(null, "", "  ", "N/A", "12.5", 12.5d, new BigDecimal("3.25"),
                BigInteger.TWO.pow(70), -1L, "-3", CounterValue.ABSURD + 1, Boolean.TRUE, List.of(1));
        for (Object raw : garbage) {
            assertThat(parse(raw)).as("%s", raw).isEmpty();
        }
        assertThat(dropped.asMap()).isEqualTo(Map.of("missing", 1, "blank", 2, "not_a_number", 2,
                "not_an_integer", 3, "negative", 2, "absurd", 1, "wrong_type", 2));
    }

    @Test
    void theAbsurdLimitItselfIsStillACount() {
        assertThat(parse(CounterValue.ABSURD)).hasValue(CounterValue.ABSURD);
        assertThat(parse(Long.toString(CounterValue.ABSURD + 1))).isEmpty();
        assertThat(dropped.asMap()).isEqualTo(Map.of("absurd", 1));
    }
}
