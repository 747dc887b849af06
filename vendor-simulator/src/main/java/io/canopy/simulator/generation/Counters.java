package io.canopy.simulator.generation;

/**
 * Lifetime counters of a device as a vendor shows them (after any rollover): MPS Monitor style
 * fields, from which every vendor's shape is derived.
 */
public record Counters(long mono, long color, long monoA3, long colorA3) {

    public long total() {
        return mono + color;
    }

    public long large() {
        return monoA3 + colorA3;
    }

    public long small() {
        return total() - large();
    }
}
