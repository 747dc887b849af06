package io.canopy.collector.client;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.canopy.contracts.events.VendorType;

/** The adapter of each vendor type; fails fast at start-up if a vendor has none. */
@ApplicationScoped
public class VendorAdapters {

    private final Map<VendorType, VendorAdapter> byVendor = new EnumMap<>(VendorType.class);

    @Inject
    public VendorAdapters(Instance<VendorAdapter> adapters) {
        adapters.forEach(a -> byVendor.put(a.vendor(), a));
        for (VendorType type : VendorType.values()) {
            if (!byVendor.containsKey(type)) {
                throw new IllegalStateException("no VendorAdapter for " + type);
            }
        }
    }

    public VendorAdapter of(VendorType type) {
        return byVendor.get(type);
    }
}
