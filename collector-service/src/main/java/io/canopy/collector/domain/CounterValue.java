package io.canopy.collector.domain;

import java.math.BigDecimal;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Defensive parsing of one counter value: vendors send numbers, numeric strings, "", "N/A",
 * negatives, other types, or absurd values. A bad value is dropped with a reason, never thrown out
 * of the consumer loop.
 */
public final class CounterValue {

    /** A lifetime counter above this is not a real page count (no device prints 10^15 pages). */
    public static final long ABSURD = 1_000_000_000_000_000L;

    private CounterValue() {
    }

    public static OptionalLong parse(JsonNode node, DroppedValues dropped) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            dropped.add("missing");
            return OptionalLong.empty();
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isNumber()) {
            dropped.add("not_an_integer");
            return OptionalLong.empty();
        } else if (node.isTextual()) {
            String text = node.asText().trim();
            if (text.isEmpty()) {
                dropped.add("blank");
                return OptionalLong.empty();
            }
            try {
                value = new BigDecimal(text).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                dropped.add("not_a_number");
                return OptionalLong.empty();
            }
        } else {
            dropped.add("wrong_type");
            return OptionalLong.empty();
        }
        if (value < 0) {
            dropped.add("negative");
            return OptionalLong.empty();
        }
        if (value > ABSURD) {
            dropped.add("absurd");
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }
}
