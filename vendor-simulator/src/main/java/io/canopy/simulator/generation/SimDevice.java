package io.canopy.simulator.generation;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import io.canopy.simulator.scenario.VolumeProfile;

/**
 * A device with everything resolved: identity, where it belongs on which day, and its edge cases.
 *
 * @param key a stable number derived from server and device id: the seed of its volumes
 */
public record SimDevice(
        String id,
        long key,
        String serialNumber,
        String assetNumber,
        String make,
        String model,
        boolean managed,
        boolean a3,
        VolumeProfile profile,
        LocalDate install,
        LocalDate uninstall,
        long initialCounter,
        long rolloverModulus,
        String counterSource,
        String homeCustomer,
        String movesTo,
        LocalDate movesOn,
        Set<LocalDate> resets,
        Map<LocalDate, Object> garbage,
        Set<LocalDate> duplicateReads,
        Set<LocalDate> extraReads,
        int lateDays) {

    /** The customer the device belongs to on a day. */
    public String customerOn(LocalDate day) {
        return movesTo != null && !day.isBefore(movesOn) ? movesTo : homeCustomer;
    }

    public boolean installedOn(LocalDate day) {
        return (install == null || !day.isBefore(install)) && (uninstall == null || day.isBefore(uninstall));
    }

    /** Whether the device is with that customer, installed, on that day. */
    public boolean servesOn(String customer, LocalDate day) {
        return installedOn(day) && customer.equals(customerOn(day));
    }

    /**
     * The first day the device is with the customer: its first reading there is a baseline, so a
     * meter vendor's pipeline cannot know that day's volume.
     */
    public LocalDate firstDayWith(String customer) {
        if (movesTo != null && movesTo.equals(customer)) {
            return install != null && install.isAfter(movesOn) ? install : movesOn;
        }
        return install;
    }
}
