package io.canopy.e2e;

import java.util.Map;
import java.util.stream.Collectors;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;

/**
 * What the demo and the benchmarks need to know about a vendor, by the server {@code type} the
 * simulator lists, read from its {@link VendorDescriptor}: no vendor names here.
 */
public final class Vendors {

    private Vendors() {
    }

    public static VendorDescriptor of(String serverType) {
        return VendorDescriptor.of(VendorType.fromWireName(serverType));
    }

    /** A feed may set {@code collection_scope} (the others know no managed flag). */
    public static boolean scoped(String serverType) {
        return of(serverType).supportsCollectionScope();
    }

    /** Current counters only: no history before Canopy first reads them. */
    public static boolean currentCounters(String serverType) {
        return of(serverType).kind() == VendorType.Kind.CURRENT_COUNTERS;
    }

    /** Simulated credentials in the vendor's fields and formats, distinct per {@code n}, as a YAML flow map. */
    public static String sampleCredentialsYaml(String serverType, int n) {
        Map<String, String> sample = of(serverType).sampleCredentials(n);
        // Quoted: a sample of digits and an 'e' must stay a string, never become a YAML number.
        return sample.entrySet().stream().map(e -> e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{ ", " }"));
    }
}
