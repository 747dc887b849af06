package io.canopy.simulator;

import java.util.Map;

import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.scenario.ScenarioLoader;

/**
 * {@code ./canopy sim --scenario demo --port 8099}: serves a scenario in the foreground and prints
 * every server's URL and credentials (simulated ones, for curl and the demo).
 */
public final class VendorSimulatorMain {

    private VendorSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String scenarioName = "demo";
        int port = 8099;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> scenarioName = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: sim [--scenario NAME|FILE] [--port N]");
                    System.exit(2);
                }
            }
        }
        Scenario scenario = ScenarioLoader.load(scenarioName);
        VendorSimulator simulator = VendorSimulator.start(scenario, port);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.printf("Vendor simulator: scenario '%s', clock %s, %s%n", scenario.name(), simulator.state().clock(),
                simulator.baseUrl());
        for (Map<String, Object> server : simulator.servers()) {
            System.out.printf("  %-14s %-60s credentials %s  (%s customers)%n", server.get("type"), server.get("url"),
                    server.get("credentials"), server.get("customer_count"));
        }
        System.out.println("Control: GET /_sim/servers  POST /_sim/clock  GET /_sim/truth  GET /_sim/requests  POST /_sim/faults");
        Thread.currentThread().join();
    }
}
