package io.canopy.contracts.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The five fleet-management products (shared/vendor-apis.md); the wire value is the server {@code type}. */
public enum VendorType {
    @JsonProperty("mps_monitor")
    MPS_MONITOR("mps_monitor", Kind.CURRENT_COUNTERS),
    @JsonProperty("onestop")
    ONESTOP("onestop", Kind.DAY_AGGREGATES),
    @JsonProperty("print_tracker")
    PRINT_TRACKER("print_tracker", Kind.COUNTER_HISTORY),
    @JsonProperty("printerpoint")
    PRINTERPOINT("printerpoint", Kind.CURRENT_COUNTERS),
    @JsonProperty("printanista")
    PRINTANISTA("printanista", Kind.DAY_AGGREGATES);

    /** How a vendor reports usage, which decides how a window is collected and metered. */
    public enum Kind {
        /** Lifetime counters as of now only; a missed night is covered by the next delta. */
        CURRENT_COUNTERS,
        /** Lifetime counter reads with timestamps, queryable for past days. */
        COUNTER_HISTORY,
        /** Volumes per requested window; collected one day at a time. */
        DAY_AGGREGATES
    }

    private final String wireName;
    private final Kind kind;

    VendorType(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    public static VendorType fromWireName(String value) {
        for (VendorType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown server type '" + value
                + "'; expected one of mps_monitor, onestop, print_tracker, printerpoint, printanista");
    }
}
