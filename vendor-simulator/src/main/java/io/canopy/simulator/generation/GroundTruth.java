package io.canopy.simulator.generation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.arithmetic.StandardPages;
import io.canopy.contracts.events.VendorType;

/**
 * The true daily volumes of a customer, restricted to what a perfect pipeline can know: devices in
 * scope that are with the customer that day, and, for meter vendors, not the first day a device is
 * with the customer (its first reading there is a baseline, never volume).
 */
public final class GroundTruth {

    public record Day(LocalDate date, long small, long large, long duplex, long standardPages) {
    }

    private GroundTruth() {
    }

    public static List<Day> of(SimWorld world, SimServer server, SimCustomer customer, DateWindow window,
            boolean managedOnly) {
        boolean meterVendor = server.vendor().kind() != VendorType.Kind.DAY_AGGREGATES;
        List<Day> days = new ArrayList<>();
        for (LocalDate day : window.days().toList()) {
            DayVolume sum = DayVolume.ZERO;
            for (SimDevice device : customer.devicesOn(day)) {
                if (managedOnly && !device.managed()) {
                    continue;
                }
                if (meterVendor && day.equals(device.firstDayWith(customer.id()))) {
                    continue;
                }
                sum = sum.plus(world.generator().volume(device, day, server.vendor()));
            }
            days.add(new Day(day, sum.small(), sum.large(), sum.duplexSheets(),
                    StandardPages.of(sum.small(), sum.large(), sum.duplexSheets(), PaperBasis.LETTER)));
        }
        return days;
    }
}
