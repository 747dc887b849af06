package io.canopy.simulator.generation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.canopy.simulator.scenario.CustomerSpec.DayRange;

/**
 * A vendor customer with every device that is ever with it (including devices that move in).
 *
 * @param reports Printanista reports granted; empty means the integration is not enabled
 * @param activationDate the activation date the scenario gives the customer's feed, or null
 */
public record SimCustomer(String id, String name, ZoneId timeZone, List<String> reports, DayRange staleAgent,
        List<SimDevice> devices, LocalDate activationDate) {

    public SimCustomer(String id, String name, ZoneId timeZone, List<String> reports, DayRange staleAgent,
            List<SimDevice> devices) {
        this(id, name, timeZone, reports, staleAgent, devices, null);
    }

    /** Devices with this customer and installed on the day. */
    public List<SimDevice> devicesOn(LocalDate day) {
        return devices.stream().filter(d -> d.servesOn(id, day)).toList();
    }

    /** Whether the collection agent is silent on this day and has not caught up by the clock date. */
    public boolean agentSilent(LocalDate day, LocalDate clock) {
        return staleAgent != null && staleAgent.contains(day) && !clock.isAfter(staleAgent.to().plusDays(1));
    }
}
