package io.canopy.simulator.vendors;

import java.time.LocalDate;

import io.canopy.simulator.generation.SimCustomer;

/** Which day a current-counter vendor's "now" reflects: yesterday, or the last day before a silent agent. */
final class CurrentReading {

    private CurrentReading() {
    }

    static LocalDate day(SimCustomer customer, LocalDate clock) {
        LocalDate yesterday = clock.minusDays(1);
        if (customer.agentSilent(yesterday, clock)) {
            return customer.staleAgent().from().minusDays(1);
        }
        return yesterday;
    }
}
