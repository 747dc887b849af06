package io.canopy.metering.domain;

/**
 * Splits a whole number into whole parts proportional to weights so the parts add up exactly
 * (Hamilton's largest-remainder method). Ties go to the earlier part, so the split is
 * deterministic: replaying the same readings spreads the same delta the same way.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /** {@code total} split into {@code parts} near-equal whole parts (earlier parts get the extra ones). */
    public static long[] evenly(long total, int parts) {
        long[] weights = new long[parts];
        java.util.Arrays.fill(weights, 1);
        return apportion(total, weights);
    }

    public static long[] apportion(long total, long[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("cannot apportion a negative total " + total);
        }
        if (weights.length == 0) {
            throw new IllegalArgumentException("need at least one part");
        }
        long weightSum = 0;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            weightSum = Math.addExact(weightSum, weight);
        }
        if (weightSum == 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        long[] parts = new long[weights.length];
        long[] remainders = new long[weights.length];
        long assigned = 0;
        java.math.BigInteger totalBig = java.math.BigInteger.valueOf(total);
        java.math.BigInteger sumBig = java.math.BigInteger.valueOf(weightSum);
        for (int i = 0; i < weights.length; i++) {
            java.math.BigInteger[] quotient = totalBig.multiply(java.math.BigInteger.valueOf(weights[i]))
                    .divideAndRemainder(sumBig);
            parts[i] = quotient[0].longValueExact();
            remainders[i] = quotient[1].longValueExact();
            assigned += parts[i];
        }
        long left = total - assigned; // fewer than weights.length
        for (; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (remainders[i] >= 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1; // each part gets at most one extra
        }
        return parts;
    }
}
