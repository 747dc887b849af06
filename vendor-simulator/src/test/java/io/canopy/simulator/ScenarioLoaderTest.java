package io.canopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.VendorType;
import io.canopy.simulator.generation.Counters;
import io.canopy.simulator.generation.SimDevice;
import io.canopy.simulator.generation.SimWorld;
import io.canopy.simulator.scenario.ScenarioException;
import io.canopy.simulator.scenario.ScenarioLoader;

class ScenarioLoaderTest {

    @Test
    void theDemoScenarioLoadsFromTheClasspathAndHasEveryVendor() {
        var demo = ScenarioLoader.load("demo");
        assertThat(demo.servers()).extracting(s -> s.vendorType()).containsExactlyInAnyOrder(VendorType.values());
        assertThat(demo.clock()).isEqualTo(LocalDate.of(2026, 2, 15));
    }

    @Test
    void badScenariosNameTheProblem() {
        assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nseed: 1\nservers: []\n"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("clock");
        assertThatThrownBy(() -> ScenarioLoader.parse("clock: 2026-01-01\nservers: [{vendor: xerox, name: a}]\n"))
                .hasMessageContaining("unknown server type 'xerox'");
        assertThatThrownBy(() -> ScenarioLoader.parse("clock: 2026-01-01\nservers: [{vendor: onestop, name: 'Bad Name'}]\n"))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                clock: 2026-01-01
                servers:
                  - vendor: onestop
                    name: a
                    customers: [ { id: "1", devices: [ { id: d, profile: nope } ] } ]
                """)).hasMessageContaining("unknown volume profile 'nope'");
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "clock: 2026-01-01\nservers: [{vendor: mps_monitor, name: a, credentials: {dealer_tokn: x}}]\n"))
                .hasMessageContaining("'dealer_tokn'").hasMessageContaining("dealer_token");
        assertThatThrownBy(() -> ScenarioLoader.parse("clock: 2026-01-01\nsurprise: 1\n"))
                .hasMessageContaining("surprise");
        assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario")).hasMessageContaining("no scenario");
    }

    @Test
    void theSameScenarioAlwaysGivesTheSameCounters() {
        SimWorld a = new SimWorld(ScenarioLoader.load("demo"));
        SimWorld b = new SimWorld(ScenarioLoader.load("demo"));
        SimDevice deviceA = a.server("greenleaf-mps").orElseThrow().customer("EA45CEF3D8EF6D0F").orElseThrow().devices().get(0);
        SimDevice deviceB = b.server("greenleaf-mps").orElseThrow().customer("EA45CEF3D8EF6D0F").orElseThrow().devices().get(0);
        LocalDate day = LocalDate.of(2026, 2, 10);
        assertThat(a.generator().endOfDay(deviceA, day, VendorType.MPS_MONITOR))
                .isEqualTo(b.generator().endOfDay(deviceB, day, VendorType.MPS_MONITOR));
    }

    @Test
    void countersGrowByTheDayVolumeAndAResetRestartsAtZero() {
        SimWorld world = new SimWorld(ScenarioLoader.load("demo"));
        SimDevice reset = world.server("greenleaf-mps").orElseThrow().customer("EA45CEF3D8EF6D0F").orElseThrow()
                .devices().stream().filter(d -> d.id().equals("ACME-RESET")).findFirst().orElseThrow();
        LocalDate before = LocalDate.of(2026, 3, 2);
        Counters c1 = world.generator().endOfDay(reset, before, VendorType.MPS_MONITOR);
        Counters c2 = world.generator().endOfDay(reset, before.plusDays(1), VendorType.MPS_MONITOR);
        assertThat(c2.total() - c1.total())
                .isEqualTo(world.generator().volume(reset, before.plusDays(1), VendorType.MPS_MONITOR).impressions());
        Counters resetDay = world.generator().endOfDay(reset, LocalDate.of(2026, 3, 4), VendorType.MPS_MONITOR);
        assertThat(resetDay.total())
                .isEqualTo(world.generator().volume(reset, LocalDate.of(2026, 3, 4), VendorType.MPS_MONITOR).impressions())
                .isLessThan(c2.total());
    }

    @Test
    void tenThousandCustomersAreGeneratedLazily() {
        var scenario = ScenarioLoader.parse("""
                clock: 2026-02-15
                servers:
                  - vendor: print_tracker
                    name: big
                    credentials: { entity_id: abcdefabcdefabcdefabcdef, api_key: k }
                    generate: { customers: 10000, devices_per_customer: 50 }
                """);
        SimWorld world = new SimWorld(scenario);
        var server = world.server("big").orElseThrow();
        assertThat(server.customerCount()).isEqualTo(10_000);
        var last = server.customerAt(9_999);
        assertThat(server.customer(last.id())).isPresent();
        assertThat(last.devices()).hasSize(50);
        assertThat(last.id()).matches("[0-9a-f]{24}");
    }
}
