package io.canopy.simulator;

import java.util.Map;

import io.canopy.simulator.scenario.ScenarioLoader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: starts the simulator in-process on a free port and exposes its base URL
 * as {@code canopy.simulator.url}, and its {@code host:port} as {@code canopy.simulator.address} (what a
 * service's SSRF allow-list names). Init arg {@code scenario}: a name under scenarios/ or a path.
 */
public class VendorSimulatorResource implements QuarkusTestResourceLifecycleManager {

    private static VendorSimulator running;
    private String scenario = "demo";

    /** The simulator the current test JVM started, for tests that steer it (clock, faults). */
    public static VendorSimulator current() {
        return running;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        scenario = initArgs.getOrDefault("scenario", "demo");
    }

    @Override
    public Map<String, String> start() {
        running = VendorSimulator.start(ScenarioLoader.load(scenario), 0);
        return Map.of("canopy.simulator.url", running.baseUrl(), "canopy.simulator.address", running.address());
    }

    @Override
    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
