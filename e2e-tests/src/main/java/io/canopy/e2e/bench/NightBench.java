package io.canopy.e2e.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.canopy.e2e.Suite;
import io.canopy.localstack.LocalCanopy;
import io.canopy.localstack.LocalLogging;

/**
 * {@code ./canopy bench night}: a whole night at dealer-network scale (issue #18). For each size it
 * starts a fresh stack of its own ({@code .canopy/bench/night}, free ports, the packaged services as
 * real processes, the simulator serving {@link BenchScenario}'s fleet), runs {@link NightRun}, stops
 * the stack and prints the figure line last. Exit code 0 only when every night's ledger equals the
 * simulator's truth.
 */
public final class NightBench {

    public static void main(String[] args) throws Exception {
        LocalLogging.useSimpleLogger();
        NightOptions options;
        try {
            options = NightOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path home = Path.of(System.getProperty("canopy.home", ".")).toAbsolutePath();
        Path canopy = home.resolve(".canopy");
        List<NightFigures> figures = new ArrayList<>();
        boolean ok = true;
        for (int customers : options.sizes()) {
            NightOptions size = options.withCustomers(customers);
            LocalCanopy stack = start(home, canopy.resolve("bench/night"), canopy.resolve("pg-binaries"), size, System.out);
            Thread stopper = new Thread(stack::down, "bench-stop");
            Runtime.getRuntime().addShutdownHook(stopper); // Ctrl-C leaves nothing running
            NightFigures night;
            try {
                night = new NightRun(stack, size, System.out).run();
            } catch (Exception e) {
                System.err.println("\nthe night failed: " + e);
                night = null;
            } finally {
                System.out.println();
                stack.down();
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
            if (night == null) {
                System.exit(1);
            }
            figures.add(night);
            ok &= night.truthOk();
            if (options.sizes().size() > 1) {
                System.out.println(night.line());
            }
        }
        if (figures.size() > 1) {
            System.out.println("\nsweep (cost should grow linearly with the customers):");
            for (NightFigures f : figures) {
                System.out.printf("  %,7d customers: %.1f s, %.2f s per 1,000 customers, metering %.0f/s%n",
                        f.customers(), f.seconds(), f.seconds() * 1000 / f.customers(), f.meteringPerSecond());
            }
        }
        System.out.println(figures.get(figures.size() - 1).line());
        System.exit(ok ? 0 : 1);
    }

    /**
     * The services' JVM on a bench night: the production JIT (C1 then C2, as in the Kubernetes
     * manifests), not the C1-only JVM `./canopy demo` starts quickly with; the demo's 256 MiB heap
     * and serial collector, so the RSS figures are the ones a small pod would see.
     * {@code CANOPY_SERVICE_JVM} overrides it.
     */
    static final String SERVICE_JVM = "-Xmx256m -XX:+UseSerialGC";

    /**
     * A fresh stack for one size: state deleted (the extracted PostgreSQL binaries are a cache and
     * stay), the scenario written where the simulator reads it, every port free.
     */
    public static LocalCanopy start(Path home, Path state, Path postgresBinaries, NightOptions size, PrintStream out)
            throws IOException {
        Map<String, String> env = Suite.onFreePorts(Map.of(
                "CANOPY_SIMULATOR_SCENARIO", state.resolve("scenario.yaml").toAbsolutePath().toString(),
                "CANOPY_INSTANCES", Integer.toString(size.instances()),
                LocalCanopy.SERVICE_JVM_VARIABLE, System.getenv().getOrDefault(LocalCanopy.SERVICE_JVM_VARIABLE, SERVICE_JVM)));
        LocalCanopy stack = new LocalCanopy(home, state, postgresBinaries, env);
        stack.reset();
        Files.createDirectories(state);
        Files.writeString(state.resolve("scenario.yaml"),
                BenchScenario.yaml(size.customers(), size.devicesPerCustomer(), size.servers(), size.latencyMs()));
        out.printf("Starting Canopy for %,d customers (%d collector and metering instance(s)) in %s ...%n",
                size.customers(), size.instances(), state);
        if (stack.up() != 0) {
            stack.down();
            throw new IllegalStateException("the stack did not come up; logs in " + state.resolve("logs"));
        }
        return stack;
    }
}
