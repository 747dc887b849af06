package io.canopy.localstack;

import java.util.List;
import java.util.Optional;

/**
 * A Canopy service as the launcher knows it: its module, its local port (DESIGN.md "Embedded
 * default"), and the database it owns, if any.
 */
public record ServiceSpec(String module, int defaultPort, Optional<String> database) {

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("registry-service", 8081, Optional.of("registry")),
            new ServiceSpec("collector-service", 8082, Optional.empty()),
            new ServiceSpec("metering-service", 8083, Optional.of("metering")),
            new ServiceSpec("health-service", 8084, Optional.of("health")),
            new ServiceSpec("certificate-service", 8085, Optional.of("certificate")));

    /** Port override: CANOPY_REGISTRY_PORT, CANOPY_COLLECTOR_PORT, ... */
    public String portVariable() {
        return "CANOPY_" + module.replace("-service", "").toUpperCase() + "_PORT";
    }
}
