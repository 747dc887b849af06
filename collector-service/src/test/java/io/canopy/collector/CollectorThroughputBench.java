package io.canopy.collector;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.TestKafka;
import io.canopy.simulator.VendorSimulator;
import io.canopy.simulator.api.RequestLog;
import io.canopy.simulator.scenario.ScenarioLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A night of one collector worker against {@code bench.servers} simulated servers (default 200) with
 * {@code bench.customers-per-server} customers each (default 5), every vendor call answering after
 * {@code bench.latency-ms} (default 100): serial per server, parallel across servers, so the night
 * cannot be shorter than its slowest server's own serial time (its calls × the latency), the bound it
 * prints next to the night. A benchmark, not a test: it asserts nothing about speed.
 *
 * <p>It prints calls/s, the average and peak number of vendor calls in flight (from the simulator's
 * request log), a timeline of calls in flight and of the collector's running/queued gauges, and the
 * CPU cost per 1,000 vendor calls (this JVM's CPU, with the simulator's own share shown apart), which
 * the noise of a shared machine hardly moves.
 *
 * <pre>./mvnw -B -o verify -pl collector-service -am -Dtest=CollectorThroughputBench \
 *     -Dcanopy.test.excluded-groups=none -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.customers-per-server=25]</pre>
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(CollectorThroughputBench.BenchFleet.class)
class CollectorThroughputBench {

    static final int SERVERS = Integer.getInteger("bench.servers", 200);
    static final int CUSTOMERS_PER_SERVER = Integer.getInteger("bench.customers-per-server", 5);
    static final int DEVICES_PER_CUSTOMER = Integer.getInteger("bench.devices-per-customer", 20);
    static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 100);
    static final VendorType[] ROTATION = { VendorType.MPS_MONITOR, VendorType.PRINT_TRACKER, VendorType.PRINTERPOINT,
            VendorType.ONESTOP };

    static VendorSimulator fleet;

    @Inject
    MeterRegistry metrics;

    /** The simulated servers, four vendors in rotation, each answering after the latency. */
    public static class BenchFleet implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            StringBuilder yaml = new StringBuilder("name: bench-servers\nseed: 11\nclock: 2026-03-01\nservers:\n");
            for (int i = 0; i < SERVERS; i++) {
                VendorType vendor = ROTATION[i % ROTATION.length];
                yaml.append("  - vendor: ").append(vendor.wireName()).append("\n    name: s").append(i)
                        .append("\n    latency_ms: ").append(LATENCY_MS).append("\n    credentials: ")
                        .append(credentialsYaml(vendor, i))
                        .append("\n    generate: { customers: ").append(CUSTOMERS_PER_SERVER)
                        .append(", devices_per_customer: ").append(DEVICES_PER_CUSTOMER).append(", install: 2026-01-01 }\n");
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
    void aNightAcrossManySlowServers() throws Exception {
        List<UUID> serverIds = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            serverIds.add(UUID.randomUUID());
        }
        // An untimed night first: a freshly started JVM spends most of its CPU compiling (JIT), which
        // says nothing about what a collection costs once the service runs.
        long warmUp = System.nanoTime();
        collect(requests(serverIds, DateWindow.of(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 2, 28))));
        System.out.printf("%n[bench] warm-up night (untimed): %.1f s%n", (System.nanoTime() - warmUp) / 1e9);

        List<CollectionRequested> requests = requests(serverIds,
                DateWindow.of(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1)));
        Set<UUID> pending = new HashSet<>();
        requests.forEach(r -> pending.add(r.requestId()));
        fleet.requestLog().clear();

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // -Dbench.jfr=target/night.jfr profiles the timed night only (not the boot, not the warm-up):
        // jfr print --events jdk.ExecutionSample target/night.jfr
        jdk.jfr.Recording recording = startRecording(System.getProperty("bench.jfr"));
        Map<String, Long> threadsBefore = cpuByThreadGroup();
        long cpuBefore = os.getProcessCpuTime();
        long simCpuBefore = fleet.cpuTime().toNanos();
        List<String> timeline = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        sampler.scheduleAtFixedRate(() -> timeline.add(String.format("%5.1f s  in_flight %4.0f  running %4.0f  waiting %4.0f",
                (System.nanoTime() - started) / 1e9, gauge("canopy.collector.in_flight"), gauge("canopy.collector.running"),
                gauge("canopy.collector.waiting"))),
                0, 1, TimeUnit.SECONDS);
        double publishSeconds = publish(requests);
        long[] published = new long[1];
        int failed = await(pending, published);
        long ended = System.nanoTime();
        sampler.shutdownNow();
        if (recording != null) {
            recording.dump(java.nio.file.Path.of(System.getProperty("bench.jfr")));
            recording.close();
        }
        double seconds = (ended - started) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        Map<String, Long> threadsAfter = cpuByThreadGroup();
        double simCpuMs = (fleet.cpuTime().toNanos() - simCpuBefore) / 1e6;

        int done = requests.size() - pending.size();
        List<RequestLog.Entry> calls = fleet.requestLog().entries(null);
        Map<String, Integer> perServer = new HashMap<>();
        calls.forEach(e -> perServer.merge(e.server(), 1, Integer::sum));
        int slowest = perServer.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double bound = slowest * LATENCY_MS / 1000.0;
        double busy = calls.stream().mapToLong(e -> e.endNanos() - e.startNanos()).sum() / 1e9;
        System.out.printf("%n[bench] collector: %d customers on %d servers (%d ms per vendor call), published in %.2f s: "
                + "%d collected (%d failed) in %.1f s = %.0f customers/minute; %d vendor calls = %.0f calls/s%n",
                requests.size(), SERVERS, LATENCY_MS, publishSeconds, done, failed, seconds, done / seconds * 60,
                calls.size(), calls.size() / seconds);
        System.out.printf("[bench] in flight: average %.1f calls, peak %d; serial bound (slowest server: %d calls x %d ms) "
                + "%.1f s, night / bound = %.1f%n", busy / seconds, peak(calls), slowest, LATENCY_MS, bound, seconds / bound);
        System.out.printf("[bench] CPU: %.0f ms in this JVM (%.0f ms of it the simulator's) = %.0f CPU-ms per 1,000 calls, "
                + "%.0f without the simulator%n", cpuMs, simCpuMs, cpuMs / calls.size() * 1000,
                (cpuMs - simCpuMs) / calls.size() * 1000);
        // The figure issue #18 compares across changes: a reading is one record published to the readings topic.
        System.out.printf("[bench] CPU per reading: %d readings published, %.0f CPU-ms per 1,000 readings without the "
                + "simulator (%.0f with it)%n", published[0], (cpuMs - simCpuMs) / published[0] * 1000,
                cpuMs / published[0] * 1000);
        // Where the CPU went: Java threads by name (numbers folded), and the rest of the process (GC
        // and JIT compiler threads, which are not Java threads, and threads that ended meanwhile).
        Map<String, Long> spent = new HashMap<>();
        threadsAfter.forEach((group, nanos) -> spent.put(group, nanos - threadsBefore.getOrDefault(group, 0L)));
        long javaThreads = spent.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("[bench] CPU by thread: GC, JIT and ended threads %.0f ms", cpuMs - javaThreads / 1e6);
        spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf(", %s %.0f ms", e.getKey(), e.getValue() / 1e6));
        System.out.println();
        System.out.println("[bench] vendor calls in flight per second (simulator log) | collector gauges:");
        List<Double> perSecond = inFlightPerSecond(calls, started, ended);
        for (int s = 0; s < Math.max(perSecond.size(), timeline.size()); s++) {
            System.out.printf("[bench]   %6.1f | %s%n", s < perSecond.size() ? perSecond.get(s) : 0.0,
                    s < timeline.size() ? timeline.get(s) : "");
        }
        System.out.println();
    }

    /** A JFR recording with the "profile" settings (execution samples every 10 ms, allocations), or none. */
    static jdk.jfr.Recording startRecording(String file) throws Exception {
        if (file == null || file.isBlank()) {
            return null;
        }
        var recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    /** One request per customer of every server, shuffled: registry's run publishes feeds in feed-id order. */
    static List<CollectionRequested> requests(List<UUID> serverIds, DateWindow window) {
        List<CollectionRequested> requests = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS_PER_SERVER; c++) {
            for (int i = 0; i < SERVERS; i++) {
                VendorType vendor = ROTATION[i % ROTATION.length];
                var server = fleet.world().server("s" + i).orElseThrow();
                requests.add(CollectorTestSupport.request(vendor, serverIds.get(i), server.customerAt(c).id(),
                        io.canopy.contracts.events.CollectionScope.ALL, "UTC", window, CollectionPurpose.NIGHTLY,
                        credentials(vendor, i), fleet.serverUrl(vendor.wireName(), "s" + i), 1));
            }
        }
        java.util.Collections.shuffle(requests, new java.util.Random(18));
        return requests;
    }

    private static void collect(List<CollectionRequested> requests) {
        Set<UUID> pending = new HashSet<>();
        requests.forEach(r -> pending.add(r.requestId()));
        publish(requests);
        await(pending);
    }

    /** Reads outcomes until every pending request has one; returns how many were not successes. */
    private static int await(Set<UUID> pending) {
        return await(pending, new long[1]);
    }

    /** As {@link #await(Set)}, adding the readings (snapshots and aggregates) each success published to {@code readings[0]}. */
    private static int await(Set<UUID> pending, long[] readings) {
        int[] failed = { 0 };
        CollectorTestSupport.readUntil(Topics.COLLECTION_OUTCOMES, records -> {
            for (var record : records) {
                CanopyEvent event = CollectorTestSupport.decode(record);
                UUID id = CollectorTestSupport.requestIdOf(event);
                boolean ours = pending.remove(id);
                if (ours && event instanceof CollectionSucceeded succeeded) {
                    readings[0] += succeeded.snapshots() + succeeded.aggregates();
                } else if (ours) {
                    failed[0]++;
                }
            }
            records.clear();
            return pending.isEmpty();
        }, Duration.ofMinutes(20));
        return failed[0];
    }

    private double gauge(String name) {
        var found = metrics.find(name).gauge();
        return found == null ? Double.NaN : found.value();
    }

    /** Sends every request without waiting for each ack (as registry's relay does), then flushes. */
    private static double publish(List<CollectionRequested> requests) {
        long t0 = System.nanoTime();
        try (var producer = TestKafka.producer(CollectorTestSupport.bootstrap(),
                Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"))) {
            for (CanopyEvent event : requests) {
                var record = new ProducerRecord<String, byte[]>(Topics.COLLECTION_REQUESTS, event.partitionKey(),
                        EventJson.write(event));
                CloudEventHeaders.of(event, "/canopy/bench", java.time.Instant.now()).forEach((k, v) -> record.headers().add(k, v));
                producer.send(record);
            }
            producer.flush();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** CPU time of this JVM's live threads, by name with numbers folded ({@code vert.x-eventloop-thread-#}). */
    static Map<String, Long> cpuByThreadGroup() {
        var threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new HashMap<>();
        for (var info : threads.dumpAllThreads(false, false)) {
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                groups.merge(info.getThreadName().replaceAll("\\d+", "#"), nanos, Long::sum);
            }
        }
        return groups;
    }

    /** The most calls whose [start, end) overlap at one moment. */
    static int peak(List<RequestLog.Entry> calls) {
        List<long[]> edges = new ArrayList<>();
        calls.forEach(e -> {
            edges.add(new long[] { e.startNanos(), 1 });
            edges.add(new long[] { e.endNanos(), -1 });
        });
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int most = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        return most;
    }

    /** Average calls in flight in each second of the night. */
    static List<Double> inFlightPerSecond(List<RequestLog.Entry> calls, long started, long ended) {
        int seconds = (int) Math.ceil((ended - started) / 1e9);
        double[] busy = new double[Math.max(1, seconds)];
        for (RequestLog.Entry e : calls) {
            for (int s = 0; s < busy.length; s++) {
                long from = Math.max(e.startNanos(), started + s * 1_000_000_000L);
                long to = Math.min(e.endNanos(), started + (s + 1) * 1_000_000_000L);
                if (to > from) {
                    busy[s] += (to - from) / 1e9;
                }
            }
        }
        List<Double> list = new ArrayList<>();
        for (double b : busy) {
            list.add(b);
        }
        return list;
    }
}
