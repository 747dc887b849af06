package io.canopy.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./canopy bench night}'s command line: the size of the night and how many collector and
 * metering instances run it. Defaults are issue #18's dealer network: 10,000 customers of 50 devices
 * on 200 vendor servers answering after 100 ms, one instance each.
 *
 * @param sweep customer counts to run one after another (each on a fresh stack); empty = just {@code customers}
 */
public record NightOptions(int customers, int devicesPerCustomer, int servers, int latencyMs, int instances,
        List<Integer> sweep) {

    public static final String USAGE = "usage: ./canopy bench night [--customers N] [--devices-per-customer M]"
            + " [--servers S] [--latency-ms L] [--instances K] [--sweep 1000,3000,10000]";

    public NightOptions {
        sweep = List.copyOf(sweep);
        require(customers >= 1, "--customers must be at least 1");
        require(devicesPerCustomer >= 1, "--devices-per-customer must be at least 1");
        require(servers >= 1, "--servers must be at least 1");
        require(latencyMs >= 0, "--latency-ms must not be negative");
        require(instances >= 1 && instances <= 4, "--instances must be 1 to 4");
        sweep.forEach(n -> require(n >= 1, "--sweep sizes must be at least 1"));
    }

    public static NightOptions defaults() {
        return new NightOptions(10_000, 50, 200, 100, 1, List.of());
    }

    public static NightOptions parse(String... args) {
        int customers = 10_000;
        int devices = 50;
        int servers = 200;
        int latency = 100;
        int instances = 1;
        List<Integer> sweep = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--customers" -> customers = number(option, value);
                case "--devices-per-customer" -> devices = number(option, value);
                case "--servers" -> servers = number(option, value);
                case "--latency-ms" -> latency = number(option, value);
                case "--instances" -> instances = number(option, value);
                case "--sweep" -> {
                    for (String size : value.split(",")) {
                        sweep.add(number(option, size.trim()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        return new NightOptions(customers, devices, servers, latency, instances, sweep);
    }

    /** The customer counts to run: the sweep, else the one size. */
    public List<Integer> sizes() {
        return sweep.isEmpty() ? List.of(customers) : sweep;
    }

    public NightOptions withCustomers(int n) {
        return new NightOptions(n, devicesPerCustomer, servers, latencyMs, instances, List.of());
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
