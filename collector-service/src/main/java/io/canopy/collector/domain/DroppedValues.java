package io.canopy.collector.domain;

import java.util.Map;
import java.util.TreeMap;

/** Counts of counter values that could not be used, by reason; reported in the outcome. */
public final class DroppedValues {

    private final Map<String, Integer> counts = new TreeMap<>();

    public void add(String reason) {
        counts.merge(reason, 1, Integer::sum);
    }

    public Map<String, Integer> asMap() {
        return Map.copyOf(counts);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
