package io.canopy.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.canopy.contracts.vendors.VendorDescriptor;

/** Reads scenario files (YAML or JSON, snake_case) by path or by name from {@code scenarios/}. */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScenarioLoader() {
    }

    /**
     * A scenario by file path, or by name: {@code demo} finds {@code scenarios/demo.yaml} in the
     * working directory, the module directory, or on the classpath.
     */
    public static Scenario load(String pathOrName) {
        Path direct = Path.of(pathOrName);
        if (Files.isRegularFile(direct)) {
            return read(direct);
        }
        for (Path candidate : new Path[] { Path.of("scenarios", pathOrName + ".yaml"),
                Path.of("vendor-simulator", "scenarios", pathOrName + ".yaml") }) {
            if (Files.isRegularFile(candidate)) {
                return read(candidate);
            }
        }
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/" + pathOrName + ".yaml")) {
            if (in != null) {
                return validate(YAML.readValue(in, Scenario.class), pathOrName);
            }
        } catch (IOException e) {
            throw new ScenarioException("scenario '" + pathOrName + "' does not parse: " + e.getMessage(), e);
        }
        throw new ScenarioException("no scenario '" + pathOrName + "' (a file path, or a name under scenarios/)");
    }

    public static Scenario read(Path file) {
        try {
            return validate(YAML.readValue(file.toFile(), Scenario.class), file.toString());
        } catch (IOException e) {
            throw new ScenarioException(file + " does not parse: " + e.getMessage(), e);
        }
    }

    public static Scenario parse(String yaml) {
        try {
            return validate(YAML.readValue(yaml, Scenario.class), "(inline)");
        } catch (IOException e) {
            throw new ScenarioException("scenario does not parse: " + e.getMessage(), e);
        }
    }

    static Scenario validate(Scenario scenario, String where) {
        if (scenario.clock() == null) {
            throw new ScenarioException(where + ": 'clock' (the simulated start date) is required");
        }
        Set<String> names = new HashSet<>();
        for (ServerSpec server : scenario.servers()) {
            if (server.name() == null || !server.name().matches("[a-z0-9][a-z0-9-]*")) {
                throw new ScenarioException(where + ": server name '" + server.name()
                        + "' must be lower-case letters, digits and dashes (it is part of the URL)");
            }
            if (!names.add(server.vendor() + "/" + server.name())) {
                throw new ScenarioException(where + ": server " + server.vendor() + "/" + server.name() + " twice");
            }
            VendorDescriptor vendor = VendorDescriptor.of(server.vendorType());
            for (String field : server.credentials().keySet()) {
                // Values may be odd on purpose (tests of refused credentials); a misspelt field name never is.
                if (vendor.credential(field).isEmpty()) {
                    throw new ScenarioException(where + ": server " + server.name() + " has credential '" + field
                            + "', not a " + server.vendor() + " field; expected " + vendor.credentialNames());
                }
            }
            Set<String> customerIds = new HashSet<>();
            for (CustomerSpec customer : server.customers()) {
                if (customer.id() == null || !customerIds.add(customer.id())) {
                    throw new ScenarioException(where + ": server " + server.name() + " has a missing or repeated customer id '"
                            + customer.id() + "'");
                }
                for (DeviceSpec device : customer.devices()) {
                    scenario.profile(device.profile());
                    if (device.rolloverModulus() != null && Boolean.TRUE.equals(device.a3())) {
                        throw new ScenarioException(where + ": device " + device.id()
                                + " rolls over and is A3-capable; a wrapping counter is one total, make it a3: false");
                    }
                    if (device.move() != null && server.customers().stream().noneMatch(c -> c.id().equals(device.move().to()))) {
                        throw new ScenarioException(where + ": device " + device.id() + " moves to unknown customer "
                                + device.move().to());
                    }
                }
            }
        }
        return scenario;
    }
}
