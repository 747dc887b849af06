package io.canopy.simulator.scenario;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.canopy.contracts.events.VendorType;

/**
 * A scenario file: dealers' servers per vendor, their customers and devices, volume profiles and
 * faults. Counters are generated from {@link #seed} so the same file always yields the same data.
 *
 * @param clock the simulated date the simulator starts at (days before it are complete)
 */
public record Scenario(
        String name,
        long seed,
        LocalDate clock,
        Map<String, VolumeProfile> profiles,
        List<ServerSpec> servers,
        List<FaultSpec> faults) {

    public Scenario {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        servers = servers == null ? List.of() : List.copyOf(servers);
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    /**
     * The first server of a vendor in this scenario: the demo has one per vendor, so tests of other
     * modules take their fixtures (server name, credentials, a customer) from it instead of copying them.
     */
    public ServerSpec firstServer(VendorType vendor) {
        return servers.stream().filter(s -> s.vendorType() == vendor).findFirst()
                .orElseThrow(() -> new ScenarioException("scenario '" + name + "' has no " + vendor.wireName() + " server"));
    }

    /** A value of the first server of every vendor (see {@link #firstServer}), by vendor. */
    public <T> Map<VendorType, T> perVendor(Function<ServerSpec, T> value) {
        Map<VendorType, T> byVendor = new EnumMap<>(VendorType.class);
        for (VendorType vendor : VendorType.values()) {
            byVendor.put(vendor, value.apply(firstServer(vendor)));
        }
        return Collections.unmodifiableMap(byVendor);
    }

    public VolumeProfile profile(String name) {
        if (name == null) {
            return profiles.getOrDefault("default", VolumeProfile.OFFICE);
        }
        VolumeProfile profile = profiles.get(name);
        if (profile == null) {
            throw new ScenarioException("unknown volume profile '" + name + "'; defined: " + profiles.keySet());
        }
        return profile;
    }
}
