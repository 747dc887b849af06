package io.canopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.simulator.generation.SimCustomer;
import io.canopy.simulator.generation.SimServer;
import io.canopy.simulator.generation.SimWorld;
import io.canopy.simulator.scenario.ScenarioLoader;
import io.canopy.simulator.scenario.ServerSpec;
import io.canopy.simulator.vendors.VendorApi;

/**
 * Adding a vendor = descriptor + collector adapter + simulator API: these fail until the simulator
 * part is there, and check that what the simulator derives from the descriptor has its shapes.
 */
class VendorApiCoverageTest {

    @Test
    void everyVendorTypeHasExactlyOneVendorApi() {
        Map<VendorType, Long> apis = VendorApi.all().stream()
                .collect(Collectors.groupingBy(VendorApi::vendor, Collectors.counting()));
        for (VendorType type : VendorType.values()) {
            assertThat(apis.get(type)).as("VendorApi implementations for %s (add it to VendorApi.all())", type)
                    .isEqualTo(1L);
        }
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void theDemoHasAServerOfEveryVendorWithTheDescriptorsCredentialFields(VendorType type) {
        // Other modules' test supports take each vendor's fixtures from the demo's first server of it.
        ServerSpec server = ScenarioLoader.load("demo").firstServer(type);
        VendorDescriptor descriptor = VendorDescriptor.of(type);
        assertThat(server.credentials().keySet()).containsExactlyInAnyOrderElementsOf(descriptor.credentialNames());
        server.credentials().forEach((field, value) -> assertThat(descriptor.credential(field).orElseThrow().format()
                .matches(value)).as("%s demo credential %s has the descriptor's format", type, field).isTrue());
        assertThat(server.customers()).isNotEmpty();
        server.customers().forEach(c -> assertThat(descriptor.customerId().format().matches(c.id()))
                .as("%s demo customer %s has the descriptor's customer id format", type, c.id()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void generatedCustomersHaveTheVendorsIdFormatAndDifferAcrossServers(VendorType type) {
        StringBuilder yaml = new StringBuilder("clock: 2026-01-01\nservers:\n");
        for (String name : new String[] { "one", "two" }) {
            yaml.append("  - { vendor: ").append(type.wireName()).append(", name: ").append(name)
                    .append(", generate: { customers: 300, devices_per_customer: 1 } }\n");
        }
        SimWorld world = new SimWorld(ScenarioLoader.parse(yaml.toString()));
        Set<String> ids = new HashSet<>();
        for (SimServer server : world.servers()) {
            for (SimCustomer customer : server.customers()) {
                assertThat(VendorDescriptor.of(type).customerId().format().matches(customer.id()))
                        .as("%s generated id %s", type, customer.id()).isTrue();
                assertThat(ids.add(customer.id())).as("%s generated id %s repeats", type, customer.id()).isTrue();
                assertThat(server.customer(customer.id())).isPresent();
            }
        }
    }
}
