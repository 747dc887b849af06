package io.canopy.contracts.events;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.canopy.contracts.vendors.VendorDescriptor;

/**
 * The fleet-management products Canopy reads (shared/vendor-apis.md); the wire value is the server
 * {@code type}. Only the identity lives here: everything else about a vendor is its
 * {@link VendorDescriptor}.
 */
public enum VendorType {
    @JsonProperty("mps_monitor")
    MPS_MONITOR("mps_monitor"),
    @JsonProperty("onestop")
    ONESTOP("onestop"),
    @JsonProperty("print_tracker")
    PRINT_TRACKER("print_tracker"),
    @JsonProperty("printerpoint")
    PRINTERPOINT("printerpoint"),
    @JsonProperty("printanista")
    PRINTANISTA("printanista");

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

    VendorType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The vendor's {@link VendorDescriptor#kind()}. */
    public Kind kind() {
        return VendorDescriptor.of(this).kind();
    }

    public static VendorType fromWireName(String value) {
        for (VendorType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown server type '" + value + "'; expected one of "
                + Arrays.stream(values()).map(VendorType::wireName).collect(Collectors.joining(", ")));
    }
}
