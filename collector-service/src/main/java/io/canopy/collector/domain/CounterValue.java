package io.canopy.collector.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * Defensive parsing of one counter value: vendors send numbers, numeric strings, "", "N/A",
 * negatives, other types, or absurd values. A bad value is dropped with a reason, never thrown out
 * of the consumer loop.
 *
 * <p>Takes the value as plain Java (what a JSON reader yields: {@code null} when absent, an integral
 * {@link Number}, another {@link Number}, a {@link CharSequence}, or anything else for other types), so
 * the rule does not depend on how a client parses the vendor's body.
 */
public final class CounterValue {

    /** A lifetime counter above this is not a real page count (no device prints 10^15 pages). */
    public static final long ABSURD = 1_000_000_000_000_000L;

    private CounterValue() {
    }

    /**
     * @param raw the value as sent: {@code null} when absent or JSON null; a number (integral ones as
     *            {@link Long}, {@link Integer}, {@link Short}, {@link Byte} or {@link BigInteger}); a string;
     *            any other object is a value of the wrong type
     */
    public static OptionalLong parse(Object raw, DroppedValues dropped) {
        if (raw == null) {
            dropped.add("missing");
            return OptionalLong.empty();
        }
        long value;
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            value = ((Number) raw).longValue();
        } else if (raw instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            value = big.longValue();
        } else if (raw instanceof Number) {
            // fractions, and integers too wide for a long, are no page count
            dropped.add("not_an_integer");
            return OptionalLong.empty();
        } else if (raw instanceof CharSequence chars) {
            String text = chars.toString().trim();
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
