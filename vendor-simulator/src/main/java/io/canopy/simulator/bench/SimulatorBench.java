package io.canopy.simulator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.canopy.simulator.VendorSimulator;
import io.canopy.simulator.generation.SimServer;
import io.canopy.simulator.scenario.ScenarioLoader;

/**
 * {@code ./canopy bench sim [seconds] [concurrency]}: how fast the simulator serves a 10,000-customer
 * x 50-device fleet, so a collector benchmark knows the simulator is not its bottleneck. Drives MPS
 * Monitor device listings (50 devices, ~20 KB each) and Print Tracker meter histories (one day,
 * 50 reads) for random customers over loopback, and prints requests/s, body size and latency.
 */
public final class SimulatorBench {

    private SimulatorBench() {
    }

    /** The simulator's own cost per request, without HTTP and without the client: one thread, 3 s. */
    private static void directHandlerRate(VendorSimulator sim, SimServer mps) {
        var api = io.canopy.simulator.vendors.VendorApi.all().get(0);
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long count = 0;
        long bodyBytes = 0;
        while (System.nanoTime() < end) {
            String id = mps.customerAt(ThreadLocalRandom.current().nextInt(10_000)).id();
            var request = new io.canopy.simulator.api.SimRequest("GET", "/api/printreleaf/v1/customers/" + id + "/devices",
                    java.util.Map.of("PageNumber", "1", "PageRows", "500"),
                    java.util.Map.of("x-dealer-token", "11111111-2222-3333-4444-555555555555"), "");
            bodyBytes += api.handle(request, mps, sim.world(), sim.state()).body().length();
            count++;
        }
        System.out.printf("handler only (no HTTP, 1 thread): %.0f MPS Monitor device listings/s, %.1f KB each%n",
                count / 3.0, bodyBytes / 1024.0 / Math.max(1, count));
    }

    /**
     * A night as the collector makes it: 2,000 customers' device listings one after another, then the
     * same customers the next night (the clock one day on), when each device's counters resume from
     * the memo of the night before instead of being summed from install. One thread, no HTTP.
     */
    private static void nightAfterNightRate(VendorSimulator sim, SimServer mps) {
        var api = io.canopy.simulator.vendors.VendorApi.all().get(0);
        int customers = 2_000;
        for (int night = 1; night <= 2; night++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < customers; i++) {
                var request = new io.canopy.simulator.api.SimRequest("GET", "/api/printreleaf/v1/customers/"
                        + mps.customerAt(5_000 + i).id() + "/devices", java.util.Map.of("PageNumber", "1", "PageRows", "500"),
                        java.util.Map.of("x-dealer-token", "11111111-2222-3333-4444-555555555555"), "");
                api.handle(request, mps, sim.world(), sim.state());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("handler only, night %d (%s): %.0f MPS Monitor device listings/s%n", night,
                    night == 1 ? "counters summed since install" : "resumed from the night before", customers / seconds);
            sim.state().moveClock(sim.state().clock().plusDays(1), false);
        }
        sim.state().moveClock(sim.state().clock().minusDays(2), true);
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        var scenario = ScenarioLoader.parse("""
                name: bench-10k
                seed: 7
                clock: 2026-03-01
                servers:
                  - vendor: mps_monitor
                    name: big-mps
                    credentials: { dealer_token: 11111111-2222-3333-4444-555555555555 }
                    generate: { customers: 10000, devices_per_customer: 50, install: 2026-01-01 }
                  - vendor: print_tracker
                    name: big-pt
                    credentials: { entity_id: abcdefabcdefabcdefabcdef, api_key: 99999999-8888-7777-6666-555555555555 }
                    generate: { customers: 10000, devices_per_customer: 50, install: 2026-01-01 }
                """);
        try (VendorSimulator sim = VendorSimulator.start(scenario, 0)) {
            SimServer mps = sim.world().server("big-mps").orElseThrow();
            SimServer pt = sim.world().server("big-pt").orElseThrow();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            AtomicLong requests = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            System.out.printf("simulator bench: 2 servers x 10,000 customers x 50 devices, %d s, %d in flight%n",
                    seconds, concurrency);
            // warm-up: build the id indexes
            mps.customer(mps.customerAt(9_999).id());
            pt.customer(pt.customerAt(9_999).id());
            directHandlerRate(sim, mps);
            nightAfterNightRate(sim, mps);
            // The HTTP phase gets its full time after the single-thread phases above.
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long started = System.nanoTime();
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(concurrency);
            for (int i = 0; i < concurrency; i++) {
                loops.add(CompletableFuture.runAsync(() -> {
                    while (System.nanoTime() < deadline) {
                        int index = ThreadLocalRandom.current().nextInt(10_000);
                        HttpRequest request = ThreadLocalRandom.current().nextBoolean()
                                ? HttpRequest.newBuilder(URI.create(sim.serverUrl("mps_monitor", "big-mps")
                                        + "/api/printreleaf/v1/customers/" + mps.customerAt(index).id()
                                        + "/devices?PageNumber=1&PageRows=500"))
                                        .header("X-Dealer-Token", "11111111-2222-3333-4444-555555555555").timeout(Duration.ofSeconds(10)).build()
                                : HttpRequest.newBuilder(URI.create(sim.serverUrl("print_tracker", "big-pt") + "/v1/entity/"
                                        + pt.customerAt(index).id()
                                        + "/meter?start=2026-02-27T00:00:00Z&end=2026-02-28T00:00:00Z&page=1&limit=100"))
                                        .header("x-api-key", "99999999-8888-7777-6666-555555555555").timeout(Duration.ofSeconds(10)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            latencies.add(System.nanoTime() - t0);
                            requests.incrementAndGet();
                            bytes.addAndGet(response.body().length);
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
            pool.shutdown();
            double elapsed = (System.nanoTime() - started) / 1e9;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("requests: %d in %.1f s = %.0f req/s; errors: %d%n", requests.get(), elapsed,
                    requests.get() / elapsed, errors.get());
            System.out.printf("average body: %.1f KB (Content-Length), throughput %.1f MB/s%n",
                    bytes.get() / 1024.0 / Math.max(1, requests.get()), bytes.get() / 1e6 / elapsed);
            if (!sorted.isEmpty()) {
                System.out.printf("latency: p50 %.1f ms, p99 %.1f ms%n", sorted.get(sorted.size() / 2) / 1e6,
                        sorted.get((int) (sorted.size() * 0.99)) / 1e6);
            }
        }
    }
}
