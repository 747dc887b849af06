package io.canopy.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.collector.client.VendorHttp;
import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulator;
import io.canopy.simulator.scenario.ScenarioLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many large vendor bodies in flight and a byte budget that holds about two of them: the collector
 * never reserves more than the budget, collections wait for room instead of failing, and every one
 * completes (canopy.collector.limits.in-flight-bytes).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(InFlightBytesTest.LargeBodies.class)
class InFlightBytesTest {

    static final int SERVERS = 12;
    static final int DEVICES = 450; // one page of MPS Monitor devices (500 a page) per customer: a large body

    static VendorSimulator fleet;
    /** The budget: about two and a half device pages, measured from the simulator before the collector starts. */
    static long budget;

    @Inject
    MeterRegistry metrics;

    @Inject
    VendorHttp http;

    /** Slow MPS Monitor servers whose one customer has a large device page; the budget sized from that page. */
    public static class LargeBodies implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            StringBuilder yaml = new StringBuilder("name: large-bodies\nseed: 5\nclock: 2026-03-01\nservers:\n");
            for (int i = 0; i < SERVERS; i++) {
                yaml.append("  - vendor: mps_monitor\n    name: big").append(i).append("\n    latency_ms: 150\n")
                        .append("    credentials: { dealer_token: ").append(new UUID(i, 18)).append(" }\n")
                        .append("    generate: { customers: 1, devices_per_customer: ").append(DEVICES)
                        .append(", install: 2026-01-01 }\n");
            }
            fleet = VendorSimulator.start(ScenarioLoader.parse(yaml.toString()), 0);
            budget = pageBytes() * 5 / 2;
            return Map.of("canopy.collector.allowed-private-hosts", fleet.address(),
                    "canopy.collector.limits.in-flight-bytes", Long.toString(budget),
                    "canopy.collector.worker.max-in-flight-per-dealer", "16");
        }

        /** The size of one customer's device page as the simulator serves it. */
        static long pageBytes() {
            var customer = fleet.world().server("big0").orElseThrow().customerAt(0).id();
            try {
                HttpResponse<byte[]> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        fleet.serverUrl("mps_monitor", "big0") + "/api/printreleaf/v1/customers/" + customer
                                + "/devices?PageNumber=1&PageRows=500"))
                        .header("X-Dealer-Token", new UUID(0, 18).toString()).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(page.statusCode()).isEqualTo(200);
                return page.body().length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            fleet.close();
        }
    }

    @Test
    void manyLargeBodiesNeverHoldMoreThanTheBudgetAndEveryCollectionCompletes() {
        double waitsBefore = counter("canopy.collector.buffered.waits");
        List<CollectionRequested> requests = new ArrayList<>();
        DateWindow window = DateWindow.of(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1));
        for (int i = 0; i < SERVERS; i++) {
            var customer = fleet.world().server("big" + i).orElseThrow().customerAt(0).id();
            requests.add(CollectorTestSupport.request(VendorType.MPS_MONITOR, UUID.randomUUID(), customer,
                    CollectionScope.ALL, "UTC", window, CollectionPurpose.NIGHTLY,
                    Map.of("dealer_token", new UUID(i, 18).toString()), fleet.serverUrl("mps_monitor", "big" + i), 1));
        }
        Set<UUID> pending = new HashSet<>();
        requests.forEach(r -> pending.add(r.requestId()));
        List<CanopyEvent> outcomes = new ArrayList<>();
        CollectorTestSupport.send(requests.toArray(CanopyEvent[]::new));
        CollectorTestSupport.readUntil(Topics.COLLECTION_OUTCOMES, records -> {
            for (var record : records) {
                CanopyEvent event = CollectorTestSupport.decode(record);
                if (pending.remove(CollectorTestSupport.requestIdOf(event))) {
                    outcomes.add(event);
                }
            }
            records.clear();
            return pending.isEmpty();
        }, Duration.ofMinutes(2));

        assertThat(outcomes).hasSize(SERVERS).allSatisfy(o -> assertThat(o).isInstanceOf(CollectionSucceeded.class));
        assertThat(outcomes).allSatisfy(o -> assertThat(((CollectionSucceeded) o).snapshots()).isEqualTo(DEVICES));
        // The budget of this application, not the gauge: Quarkus restarts the application per test
        // class in one JVM, and a gauge of the same name may still read an earlier run's budget
        // (VendorLimitsTest's gzip bomb reserves up to max-body in it).
        assertThat(http.bytes().peak()).as("the most bytes held at once").isPositive().isLessThanOrEqualTo(budget);
        assertThat(metrics.find("canopy.collector.buffered.bytes.max").gauge()).as("exposed as a gauge").isNotNull();
        assertThat(counter("canopy.collector.buffered.waits") - waitsBefore)
                .as("calls that waited for room: the budget, not the luck of timing, kept the bound").isPositive();
        assertThat(http.bytes().held()).as("every byte released once published").isZero();
    }

    private double counter(String name) {
        var found = metrics.find(name).counter();
        return found == null ? 0 : found.count();
    }
}
