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

    /** System property holding {@link #jvmPort()} once chosen. */
    public static final String PORT_PROPERTY = "canopy.test.simulator.port";

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
        try {
            running = VendorSimulator.start(ScenarioLoader.load(scenario), jvmPort());
        } catch (IllegalStateException taken) {
            // Someone else took the port meanwhile: any port still serves tests that read the config below.
            running = VendorSimulator.start(ScenarioLoader.load(scenario), 0);
        }
        return Map.of("canopy.simulator.url", running.baseUrl(), "canopy.simulator.address", running.address());
    }

    /**
     * The port every simulator this resource starts in this JVM listens on (one after another, across
     * Quarkus restarts), chosen free on first use. A process started once per JVM, such as registry's
     * collector child, can put {@code 127.0.0.1:<port>} on its SSRF allow-list before any simulator runs.
     */
    public static synchronized int jvmPort() {
        String kept = System.getProperty(PORT_PROPERTY);
        if (kept == null) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                kept = Integer.toString(probe.getLocalPort());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("no free port for the simulator", e);
            }
            System.setProperty(PORT_PROPERTY, kept);
        }
        return Integer.parseInt(kept);
    }

    @Override
    public void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
