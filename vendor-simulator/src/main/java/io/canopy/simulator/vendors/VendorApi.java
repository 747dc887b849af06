package io.canopy.simulator.vendors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.canopy.contracts.events.VendorType;
import io.canopy.simulator.api.SimRequest;
import io.canopy.simulator.api.SimResponse;
import io.canopy.simulator.api.SimState;
import io.canopy.simulator.generation.SimCustomer;
import io.canopy.simulator.generation.SimServer;
import io.canopy.simulator.generation.SimWorld;

/**
 * One vendor's API exactly as shared/vendor-apis.md describes it, as a pure function of the
 * request, the scenario and the simulator state. Adding a vendor = one class here, listed in
 * {@link #all()} (VendorApiCoverageTest fails until it is), next to its VendorDescriptor.
 */
public interface VendorApi {

    /** Devices are read at this local time on each day (the nightly read of a collection agent). */
    LocalTime READ_TIME = LocalTime.of(23, 0);

    VendorType vendor();

    SimResponse handle(SimRequest request, SimServer server, SimWorld world, SimState state);

    /**
     * What {@code GET /_sim/servers} adds to a customer beyond id, name, time zone and activation
     * date: what a dealer would know of it in this vendor's product (e.g. the reports a Printanista
     * account granted). Nothing by default.
     */
    default Map<String, Object> listedCustomerFields(SimCustomer customer) {
        return Map.of();
    }

    /** An MPS Monitor-style error for a fault injected as "invalid"; other vendors answer 500. */
    default SimResponse invalidFault(String code) {
        return SimResponse.json(500, Map.of("error", code == null ? "InternalError" : code));
    }

    static Instant readingTime(LocalDate day, ZoneId zone) {
        return day.atTime(READ_TIME).atZone(zone).toInstant();
    }

    static Instant midDayReadingTime(LocalDate day, ZoneId zone) {
        return day.atTime(12, 0).atZone(zone).toInstant();
    }

    /** Elements of one page (1-based); an out-of-range page is empty. */
    static <T> List<T> page(List<T> all, int page, int size) {
        int from = (int) Math.min((long) Math.max(page - 1, 0) * size, all.size());
        int to = (int) Math.min((long) from + size, all.size());
        return all.subList(from, to);
    }

    /** One API per vendor type. */
    static List<VendorApi> all() {
        return List.of(new MpsMonitorApi(), new OneStopApi(), new PrintTrackerApi(), new PrinterpointApi(),
                new PrintanistaApi());
    }
}
