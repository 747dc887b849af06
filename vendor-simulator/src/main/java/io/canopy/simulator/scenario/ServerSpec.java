package io.canopy.simulator.scenario;

import java.util.List;
import java.util.Map;

import io.canopy.contracts.events.VendorType;

/**
 * One simulated vendor server: served at {@code /<vendor>/<name>}.
 *
 * @param credentials field names as in shared/vendor-apis.md ({@code dealer_token}, {@code username}, ...)
 * @param entityId    Print Tracker only: the dealer's parent entity (24 hex); defaults to a derived id
 * @param generate    many customers described at once, created lazily
 */
public record ServerSpec(
        String vendor,
        String name,
        Map<String, String> credentials,
        List<CustomerSpec> customers,
        GeneratedCustomers generate,
        Integer latencyMs,
        Integer jitterMs) {

    public ServerSpec {
        customers = customers == null ? List.of() : List.copyOf(customers);
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    public VendorType vendorType() {
        try {
            return VendorType.fromWireName(vendor);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("server '" + name + "': " + e.getMessage());
        }
    }

    /**
     * @param customers          how many
     * @param devicesPerCustomer devices each
     * @param managedShare       share of managed devices
     * @param a3Share            share of A3-capable devices
     */
    public record GeneratedCustomers(int customers, int devicesPerCustomer, Double managedShare, Double a3Share,
            String profile, java.time.LocalDate install, String timeZone) {
    }
}
