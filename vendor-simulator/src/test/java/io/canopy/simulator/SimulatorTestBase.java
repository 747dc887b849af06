package io.canopy.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.scenario.ScenarioLoader;

/** A fresh simulator per test on a free port, serving the bundled demo scenario. */
abstract class SimulatorTestBase {

    static final Scenario DEMO = ScenarioLoader.load("demo");

    VendorSimulator sim;

    Scenario scenario() {
        return DEMO;
    }

    @BeforeEach
    void startSimulator() {
        sim = VendorSimulator.start(scenario(), 0);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    String url(String vendor, String server) {
        return sim.serverUrl(vendor, server);
    }
}
