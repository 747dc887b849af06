package io.canopy.simulator.generation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.scenario.ServerSpec;

/** Everything a scenario describes, resolved: servers by vendor type and name, and the generator. */
public final class SimWorld {

    private final Scenario scenario;
    private final Map<String, SimServer> servers = new LinkedHashMap<>();
    private final VolumeGenerator generator;

    public SimWorld(Scenario scenario) {
        this.scenario = scenario;
        this.generator = new VolumeGenerator(scenario.seed());
        for (ServerSpec spec : scenario.servers()) {
            servers.put(spec.vendor() + "/" + spec.name(), new SimServer(spec, scenario));
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public VolumeGenerator generator() {
        return generator;
    }

    public Optional<SimServer> server(String vendor, String name) {
        return Optional.ofNullable(servers.get(vendor + "/" + name));
    }

    /** By name alone (names are unique per vendor; the first match wins across vendors). */
    public Optional<SimServer> server(String name) {
        return servers.values().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<SimServer> servers() {
        return List.copyOf(servers.values());
    }
}
