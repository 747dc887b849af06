package io.canopy.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.canopy.localstack.LocalCanopy;
import io.canopy.localstack.Ports;
import io.canopy.localstack.ServiceSpec;

/**
 * The whole suite as real processes, the way {@code ./canopy up} runs it, but on free ports and
 * with its state (pid files, logs, data, secrets) in a directory of its own, so a test run never
 * meets a developer's running Canopy.
 */
public final class Suite implements AutoCloseable {

    private final LocalCanopy launcher;
    private final Path state;

    private Suite(LocalCanopy launcher, Path state) {
        this.launcher = launcher;
        this.state = state;
    }

    /** Starts Kafka, PostgreSQL, the vendor simulator and the five services; fails unless all are ready. */
    public static Suite start(Path repositoryRoot, Path state) throws Exception {
        return start(repositoryRoot, state, Map.of());
    }

    /**
     * As {@link #start(Path, Path)} with settings of the launcher's environment on top, e.g.
     * {@code CANOPY_SIMULATOR_SCENARIO} (a scenario file for the simulator) or {@code CANOPY_INSTANCES}.
     */
    public static Suite start(Path repositoryRoot, Path state, Map<String, String> settings) throws Exception {
        for (ServiceSpec service : ServiceSpec.ALL) {
            Path jar = repositoryRoot.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./mvnw -B install -DskipTests)");
            }
        }
        deleteRecursively(state); // a fresh broker, database and secrets for every run
        Map<String, String> env = onFreePorts(settings);
        LocalCanopy launcher = new LocalCanopy(repositoryRoot, state, env);
        Suite suite = new Suite(launcher, state);
        if (launcher.up() != 0) {
            suite.close();
            throw new IllegalStateException("the suite did not come up; logs in " + state.resolve("logs"));
        }
        return suite;
    }

    /**
     * The user's environment with every port of a stack (second instances' included) on a free
     * port and a generated admin token, then {@code settings} on top: a stack that meets neither a
     * developer's running Canopy nor another test's.
     */
    public static Map<String, String> onFreePorts(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CANOPY_KAFKA_PORT", Integer.toString(Ports.free()));
        env.put("CANOPY_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()));
        env.put("CANOPY_PG_PORT", Integer.toString(Ports.free()));
        env.put("CANOPY_SIMULATOR_PORT", Integer.toString(Ports.free()));
        env.remove("CANOPY_ADMIN_TOKEN");
        for (ServiceSpec service : ServiceSpec.ALL) {
            env.put(service.portVariable(), Integer.toString(Ports.free()));
            for (int instance = 2; instance <= 4; instance++) { // up to LocalCanopy's MAX_INSTANCES
                env.put(service.portVariable() + "_" + instance, Integer.toString(Ports.free()));
            }
        }
        env.putAll(settings);
        return env;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    public LocalCanopy launcher() {
        return launcher;
    }

    public String url(String module) {
        return launcher.serviceUrl(module);
    }

    public String simulatorUrl() {
        return launcher.simulatorUrl();
    }

    public String adminToken() {
        return launcher.adminToken();
    }

    public String kafkaBootstrapServers() {
        return launcher.kafkaBootstrapServers();
    }

    /** A generated local secret (e.g. {@code sealing-key-k1}), for tests that act as another service. */
    public String secret(String name) throws java.io.IOException {
        return Files.readString(state.resolve("secrets").resolve(name)).trim();
    }

    public Path logs() {
        return state.resolve("logs");
    }

    /** kill -9, as a crashed pod. */
    public void crash(String module) {
        launcher.kill(module);
    }

    public void restart(String module) {
        System.out.println(launcher.startService(module));
    }

    @Override
    public void close() {
        launcher.down();
    }
}
