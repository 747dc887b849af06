package io.canopy.collector;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulator;
import io.canopy.simulator.scenario.ScenarioLoader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How many customers per minute one collector worker collects when every vendor call takes
 * {@value #LATENCY_MS} ms, across {@value #SERVERS} servers (serial per server, parallel across).
 * A benchmark, not a test: it asserts nothing about speed and prints the figure.
 *
 * <pre>cd collector-service && ../mvnw -B test -Dtest=CollectorThroughputBench -Dcanopy.test.excluded-groups=none</pre>
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(CollectorThroughputBench.BenchFleet.class)
class CollectorThroughputBench {

    static final int SERVERS = 200;
    static final int CUSTOMERS_PER_SERVER = 5;
    static final int LATENCY_MS = 100;
    static final VendorType[] ROTATION = { VendorType.MPS_MONITOR, VendorType.PRINT_TRACKER, VendorType.PRINTERPOINT,
            VendorType.ONESTOP };

    static VendorSimulator fleet;

    /** 200 simulated servers, four vendors in rotation, each answering after 100 ms. */
    public static class BenchFleet implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            StringBuilder yaml = new StringBuilder("name: bench-200-servers\nseed: 11\nclock: 2026-03-01\nservers:\n");
            for (int i = 0; i < SERVERS; i++) {
                VendorType vendor = ROTATION[i % ROTATION.length];
                yaml.append("  - vendor: ").append(vendor.wireName()).append("\n    name: s").append(i)
                        .append("\n    latency_ms: ").append(LATENCY_MS).append("\n    credentials: ")
                        .append(credentialsYaml(vendor, i))
                        .append("\n    generate: { customers: ").append(CUSTOMERS_PER_SERVER)
                        .append(", devices_per_customer: 20, install: 2026-01-01 }\n");
            }
            fleet = VendorSimulator.start(ScenarioLoader.parse(yaml.toString()), 0);
            return Map.of("canopy.collector.worker.max-in-flight", "256", "canopy.collector.allowed-private-hosts",
                    fleet.address());
        }

        @Override
        public void stop() {
            fleet.close();
        }
    }

    static String credentialsYaml(VendorType vendor, int i) {
        return switch (vendor) {
            case MPS_MONITOR -> "{ dealer_token: " + new UUID(i, i) + " }";
            case PRINT_TRACKER -> "{ entity_id: " + String.format("%024x", i + 1) + ", api_key: " + new UUID(i, 7) + " }";
            case PRINTERPOINT -> "{ api_token: pp-bench-" + i + " }";
            case ONESTOP -> "{ username: bench-" + i + ", password: Bench-" + i + " }";
            case PRINTANISTA -> throw new IllegalArgumentException("not in the rotation");
        };
    }

    static Map<String, String> credentials(VendorType vendor, int i) {
        return switch (vendor) {
            case MPS_MONITOR -> Map.of("dealer_token", new UUID(i, i).toString());
            case PRINT_TRACKER -> Map.of("entity_id", String.format("%024x", i + 1), "api_key", new UUID(i, 7).toString());
            case PRINTERPOINT -> Map.of("api_token", "pp-bench-" + i);
            case ONESTOP -> Map.of("username", "bench-" + i, "password", "Bench-" + i);
            case PRINTANISTA -> throw new IllegalArgumentException("not in the rotation");
        };
    }

    @Test
    void customersPerMinuteAcrossTwoHundredSlowServers() {
        DateWindow lastNight = DateWindow.of(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1));
        List<CollectionRequested> requests = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            VendorType vendor = ROTATION[i % ROTATION.length];
            UUID serverId = UUID.randomUUID();
            var server = fleet.world().server("s" + i).orElseThrow();
            for (int c = 0; c < CUSTOMERS_PER_SERVER; c++) {
                requests.add(CollectorTestSupport.request(vendor, serverId, server.customerAt(c).id(),
                        io.canopy.contracts.events.CollectionScope.ALL, "UTC", lastNight, CollectionPurpose.NIGHTLY,
                        credentials(vendor, i), fleet.serverUrl(vendor.wireName(), "s" + i), 1));
            }
        }
        Set<UUID> pending = new HashSet<>();
        requests.forEach(r -> pending.add(r.requestId()));
        long started = System.nanoTime();
        CollectorTestSupport.send(requests.toArray(CollectionRequested[]::new));
        int[] failed = { 0 };
        CollectorTestSupport.readUntil(Topics.COLLECTION_OUTCOMES, records -> {
            for (var record : records) {
                CanopyEvent event = CollectorTestSupport.decode(record);
                UUID id = CollectorTestSupport.requestIdOf(event);
                if (pending.remove(id) && !(event instanceof CollectionSucceeded)) {
                    failed[0]++;
                }
            }
            records.clear();
            return pending.isEmpty();
        }, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        int done = requests.size() - pending.size();
        long vendorCalls = fleet.requestLog().entries(null).size();
        System.out.printf("%n[bench] collector: %d customers on %d servers (%d ms per vendor call): %d collected "
                + "(%d failed) in %.1f s = %.0f customers/minute; %d vendor calls = %.0f calls/s%n%n", requests.size(),
                SERVERS, LATENCY_MS, done, failed[0], seconds, done / seconds * 60, vendorCalls, vendorCalls / seconds);
    }
}
