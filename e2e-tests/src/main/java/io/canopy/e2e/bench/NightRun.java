package io.canopy.e2e.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.EventType;
import io.canopy.e2e.Api;
import io.canopy.e2e.SimulatorControl;
import io.canopy.localstack.LocalCanopy;
import io.canopy.localstack.PostgresServer;
import io.canopy.localstack.ServiceSpec;
import io.canopy.localstack.testing.TopicContents;

/**
 * One night at a given size on a running stack whose simulator serves {@link BenchScenario}'s
 * fleet: registers the fleet through the public API, runs one untimed night (every meter device's
 * baseline), then triggers the next night through registry's operator API and times it from the
 * outside — Kafka record timestamps of each stage, the metering group's committed offsets, {@code /proc}
 * of every process — checks the ledger against the simulator's ground truth, measures the raw
 * consume + COPY baseline on the same readings, and prints the table and the figure line.
 */
public final class NightRun {

    /**
     * Feeds are activated this many days before the first night: the first night collects those
     * days, the timed night collects the look-back window a steady-state night collects
     * (registry's nightly look-back is 3 days: [activation, night)).
     */
    static final int ACTIVATED_DAYS_BEFORE_FIRST_NIGHT = 2;
    /** A night is over when everything is answered, metered, and no deposit came for this long. */
    static final Duration QUIET = Duration.ofSeconds(3);
    static final Duration NIGHT_TIMEOUT = Duration.ofMinutes(60);
    static final int TRUTH_PARALLEL = 8;

    private final LocalCanopy stack;
    private final NightOptions size;
    private final PrintStream out;
    private final SimulatorControl simulator;
    private final Api admin;

    public NightRun(LocalCanopy stack, NightOptions size, PrintStream out) {
        this.stack = stack;
        this.size = size;
        this.out = out;
        this.simulator = new SimulatorControl(stack.simulatorUrl());
        this.admin = new Api(stack.serviceUrl(ServiceSpec.REGISTRY), stack.adminToken());
    }

    /** What one night measured, for the table. */
    private record Night(LocalDate asOf, long triggeredAt, int requested, long requests, long readings, long snapshots,
            long aggregates, long outcomes, long failed, long deposits, long requestsAt, long collectedAt,
            long meteredAt, long depositsAt, long firstReadingAt, long lagWhenCollected,
            Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, List<String> split) {

        Night withDepositsAt(long at) {
            return new Night(asOf, triggeredAt, requested, requests, readings, snapshots, aggregates, outcomes, failed,
                    deposits, requestsAt, collectedAt, meteredAt, at, firstReadingAt, lagWhenCollected, from, to, split);
        }

        double seconds(long at) {
            return at <= 0 ? Double.NaN : (at - triggeredAt) / 1000.0;
        }

        /** Trigger to the last deposit (or, with no deposit at all, to the last reading metered). */
        double wallSeconds() {
            return seconds(Math.max(depositsAt, Math.max(meteredAt, collectedAt)));
        }
    }

    public NightFigures run() throws Exception {
        out.printf("%n== night at %,d customers x %d devices, %d servers, %d ms per vendor call, %d instance(s) ==%n",
                size.customers(), size.devicesPerCustomer(), size.servers(), size.latencyMs(), size.instances());
        LocalDate firstNight = simulator.clock().plusDays(1);
        LocalDate activation = firstNight.minusDays(ACTIVATED_DAYS_BEFORE_FIRST_NIGHT);

        long t0 = System.nanoTime();
        BenchFleet fleet = new BenchFleet(stack.serviceUrl(ServiceSpec.REGISTRY), stack.adminToken());
        fleet.register(simulator, activation);
        double registration = (System.nanoTime() - t0) / 1e9;
        out.printf("  registered through the public API: %d dealers, %d feeds in %.1f s (%.0f feeds/s; %d in parallel)%n",
                fleet.dealers(), fleet.feeds().size(), registration, fleet.feeds().size() / registration,
                BenchFleet.PARALLEL);

        Night first = night(firstNight, "first night (untimed: baselines)");
        out.printf("  first night %s: %d requests, %d readings, %d deposits in %.1f s%n", first.asOf(), first.requests(),
                first.readings(), first.deposits(), first.wallSeconds());

        Map<String, ProcessCosts.Sample> before = costs();
        new Api(stack.simulatorUrl(), null).send("DELETE", "/_sim/requests", null, -1);
        LocalDate timedNight = firstNight.plusDays(1);
        Night night = night(timedNight, "timed night");
        Map<String, ProcessCosts.Sample> after = costs();

        Bound bound = serialBound();
        RawBaseline.Result raw = RawBaseline.run(stack.kafkaBootstrapServers(),
                night.from().keySet().stream().filter(tp -> tp.topic().equals(Topics.METER_READINGS)).toList(),
                night.from(), night.to(), scratchDatabase(), PostgresServer.EMBEDDED_USER, PostgresServer.EMBEDDED_PASSWORD);
        Truth truth = compareWithTruth(fleet.feeds(), firstNight, timedNight);
        if (truth.lastNightDepositAt() > night.depositsAt()) { // a deposit that left an outbox after the night looked done
            night = night.withDepositsAt(truth.lastNightDepositAt());
        }

        double meteringSeconds = night.meteredAt() > 0 && night.firstReadingAt() > 0
                ? (night.meteredAt() - night.firstReadingAt()) / 1000.0 : Double.NaN;
        double meteringPerSecond = night.readings() / meteringSeconds;
        long maxRssMb = 0;

        out.printf("%n  %-44s %10s%n", "timed night " + timedNight, "s after trigger");
        out.printf("  %-44s %10.1f   (%,d requests; the run answered requested=%d)%n", "requests published",
                night.seconds(night.requestsAt()), night.requests(), night.requested());
        out.printf("  %-44s %10.1f   (%,d outcomes, %d failed)%n", "collections done", night.seconds(night.collectedAt()),
                night.outcomes(), night.failed());
        out.printf("  %-44s %10.1f   (%,d readings = %,d snapshots + %,d aggregates; %,d not yet metered when"
                + " collections were done)%n", "snapshots metered", night.seconds(night.meteredAt()), night.readings(),
                night.snapshots(), night.aggregates(), night.lagWhenCollected());
        out.printf("  %-44s %10.1f   (%,d deposits)%n", "deposits published (trigger -> last deposit)",
                night.wallSeconds(), night.deposits());
        out.printf("%n  serial bound: slowest server %s: %d customers x %.1f vendor calls per customer x %d ms = %.1f s;"
                + " night / bound = %.1f%n", bound.server(), bound.customers(), bound.callsPerCustomer(), size.latencyMs(),
                bound.seconds(), night.wallSeconds() / bound.seconds());
        out.printf("  vendor calls in the night: %,d on %d servers (%.0f calls/s over the night)%n", bound.totalCalls(),
                bound.servers(), bound.totalCalls() / night.wallSeconds());
        out.printf("  metering: %,d readings from the first published to the last committed in %.1f s = %,.0f/s%n",
                night.readings(), meteringSeconds, meteringPerSecond);
        out.printf("  raw baseline (plain consumer, decode, COPY into a scratch table, same readings): %,d in %.1f s ="
                + " %,.0f/s; raw / metering = %.1f%n", raw.records(), raw.seconds(), raw.perSecond(),
                raw.perSecond() / meteringPerSecond);

        out.printf("%n  %-24s %12s %14s %22s%n", "process", "peak RSS MB", "CPU s (night)", "CPU ms / 1,000 readings");
        for (Map.Entry<String, ProcessCosts.Sample> entry : after.entrySet()) {
            ProcessCosts.Sample was = before.getOrDefault(entry.getKey(), new ProcessCosts.Sample(0, 0));
            ProcessCosts.Sample used = entry.getValue().minus(was);
            long rssMb = entry.getValue().peakRssKb() / 1024;
            if (isService(entry.getKey())) {
                maxRssMb = Math.max(maxRssMb, rssMb);
            }
            out.printf("  %-24s %12d %14.1f %22.1f%n", entry.getKey(), rssMb, used.cpuMillis() / 1000.0,
                    night.readings() == 0 ? 0 : used.cpuMillis() * 1000.0 / night.readings());
        }
        if (size.instances() > 1) {
            out.println();
            night.split().forEach(line -> out.println("  " + line));
        }

        out.printf("%n  truth: %d feeds, ledger %,d pages vs simulator truth %,d pages over each feed's days up to %s;"
                + " %d feeds differ%s%n", truth.feeds(), truth.ledgerPages(), truth.truthPages(), timedNight,
                truth.differing().size(), truth.differing().isEmpty() ? "" : ": " + truth.differing().subList(0,
                        Math.min(5, truth.differing().size())));
        out.printf("  the timed night's own deposits: %,d entries, %,d pages (days %s..)%n", night.deposits(),
                truth.nightPages(), firstNight);
        boolean truthOk = truth.differing().isEmpty() && truth.feeds() == size.customers() && night.failed() == 0;
        return new NightFigures(size.customers(), bound.servers(), night.wallSeconds(), bound.seconds(),
                meteringPerSecond, raw.perSecond(), maxRssMb, truthOk);
    }

    private static boolean isService(String name) {
        return ServiceSpec.ALL.stream().anyMatch(s -> name.startsWith(s.module()));
    }

    // ------------------------------------------------------------------ a night

    private Night night(LocalDate asOf, String what) {
        simulator.setClock(asOf);
        try (StageWatcher watcher = new StageWatcher(stack.kafkaBootstrapServers())) {
            long triggeredAt = System.currentTimeMillis();
            JsonNode run = admin.post("/admin/v1/collection-runs", Map.of("as_of", asOf.toString()));
            int requested = run.path("requested").asInt();
            long deadline = System.nanoTime() + NIGHT_TIMEOUT.toNanos();
            long lastProgress = System.nanoTime();
            long lastDeposits = -1;
            long depositsChangedAt = System.nanoTime();
            long lagWhenCollected = -1;
            while (true) {
                watcher.check();
                long requests = watcher.count(EventType.COLLECTION_REQUESTED);
                long outcomes = watcher.count(EventType.COLLECTION_SUCCEEDED) + watcher.count(EventType.COLLECTION_FAILED);
                boolean collected = requests >= requested && outcomes >= requests;
                if (collected && lagWhenCollected < 0) {
                    lagWhenCollected = watcher.meteringLag();
                }
                long deposits = watcher.count(EventType.DEPOSIT_RECORDED);
                if (deposits != lastDeposits) {
                    lastDeposits = deposits;
                    depositsChangedAt = System.nanoTime();
                }
                if (collected && watcher.meteringCaughtUp() && System.nanoTime() - depositsChangedAt > QUIET.toNanos()
                        && System.currentTimeMillis() - watcher.meteringLastAdvance() > QUIET.toMillis()
                        && meteringOutboxBacklog() <= 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    out.printf("  %s %s: NOT DONE within %s (requests %d/%d, outcomes %d, metering lag %d)%n", what,
                            asOf, NIGHT_TIMEOUT, requests, requested, outcomes, watcher.meteringLag());
                    break;
                }
                if (System.nanoTime() - lastProgress > Duration.ofSeconds(15).toNanos()) {
                    lastProgress = System.nanoTime();
                    out.printf("  ... %s %s at %.0f s: requests %,d/%,d, outcomes %,d, readings %,d (metering lag %,d),"
                            + " deposits %,d%n", what, asOf, (System.currentTimeMillis() - triggeredAt) / 1000.0, requests,
                            requested, outcomes, watcher.count(EventType.METER_SNAPSHOT)
                                    + watcher.count(EventType.USAGE_AGGREGATE),
                            watcher.meteringLag(), deposits);
                }
                sleep(250);
            }
            Map<TopicPartition, Long> to = watcher.endOffsets();
            List<String> split = new ArrayList<>();
            split.addAll(watcher.split(StageWatcher.COLLECTOR_GROUP, Topics.COLLECTION_REQUESTS));
            split.addAll(watcher.split(StageWatcher.METERING_GROUP, Topics.METER_READINGS));
            long snapshots = watcher.count(EventType.METER_SNAPSHOT);
            long aggregates = watcher.count(EventType.USAGE_AGGREGATE);
            return new Night(asOf, triggeredAt, requested, watcher.count(EventType.COLLECTION_REQUESTED),
                    snapshots + aggregates, snapshots, aggregates,
                    watcher.count(EventType.COLLECTION_SUCCEEDED) + watcher.count(EventType.COLLECTION_FAILED),
                    watcher.count(EventType.COLLECTION_FAILED), watcher.count(EventType.DEPOSIT_RECORDED),
                    watcher.newest(EventType.COLLECTION_REQUESTED),
                    Math.max(watcher.newest(EventType.COLLECTION_SUCCEEDED), watcher.newest(EventType.COLLECTION_FAILED)),
                    snapshots + aggregates == 0 ? 0 : watcher.meteringLastAdvance(),
                    watcher.newest(EventType.DEPOSIT_RECORDED), watcher.firstReadingAt(), Math.max(0, lagWhenCollected),
                    new HashMap<>(watcher.startOffsets()), to, split);
        }
    }

    /**
     * Deposits metering committed but its outbox relay has not yet published, summed over its
     * instances (service-kit's {@code canopy.outbox.unpublished} gauge); -1 when no instance shows it.
     */
    private long meteringOutboxBacklog() {
        long backlog = -1;
        for (String name : stack.runningInstances(ServiceSpec.METERING)) {
            int instance = name.equals(ServiceSpec.METERING) ? 1 : Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
            try {
                var response = METRICS_HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.instanceUrl(ServiceSpec.METERING, instance) + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
                for (String line : (Iterable<String>) response.body()::iterator) {
                    if (line.startsWith("canopy_outbox_unpublished")) {
                        backlog = Math.max(0, backlog) + (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // no answer now: the other conditions decide
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return backlog;
    }

    private static final java.net.http.HttpClient METRICS_HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    // ------------------------------------------------------------------ processes

    /** CPU and peak RSS of every process of the stack (PostgreSQL with its server processes). */
    private Map<String, ProcessCosts.Sample> costs() {
        Map<String, ProcessCosts.Sample> costs = new LinkedHashMap<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            for (String name : stack.runningInstances(service.module())) {
                stack.runningPid(name).ifPresent(p -> costs.put(name, ProcessCosts.of(p, false)));
            }
        }
        stack.runningPid(LocalCanopy.SIMULATOR).ifPresent(p -> costs.put(LocalCanopy.SIMULATOR, ProcessCosts.of(p, false)));
        stack.runningPid(LocalCanopy.KAFKA).ifPresent(p -> costs.put(LocalCanopy.KAFKA, ProcessCosts.of(p, false)));
        stack.runningPid(LocalCanopy.POSTGRES).ifPresent(p -> costs.put("postgres holder JVM", ProcessCosts.of(p, false)));
        postmaster().ifPresent(p -> costs.put("postgres server processes", ProcessCosts.of(p, true)));
        return costs;
    }

    /**
     * pg_ctl detaches the postmaster from the holder JVM that started it, so its pid comes from its
     * own pid file; the backends are its children.
     */
    private java.util.Optional<ProcessHandle> postmaster() {
        try {
            java.nio.file.Path pidFile = stack.state().resolve("data/postgres/postmaster.pid");
            return ProcessHandle.of(Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim()));
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    // ------------------------------------------------------------------ serial bound

    private record Bound(String server, int customers, double callsPerCustomer, double seconds, long totalCalls,
            int servers) {
    }

    /**
     * The night can be no shorter than its slowest server's serial time (one call at a time per
     * server, the vendors' rule): its customers × its vendor calls per customer × latency, from the
     * simulator's request log of the night.
     */
    private Bound serialBound() {
        Api sim = new Api(stack.simulatorUrl(), null);
        Map<String, Integer> customers = new HashMap<>();
        for (SimulatorControl.SimServer server : simulator.servers()) {
            customers.put(server.name(), server.customers().size());
        }
        Map<String, Long> calls = new TreeMap<>();
        for (JsonNode request : sim.get("/_sim/requests").path("requests")) {
            calls.merge(request.path("server").asText(), 1L, Long::sum);
        }
        String slowest = calls.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
        long slowestCalls = calls.getOrDefault(slowest, 0L);
        int slowestCustomers = Math.max(1, customers.getOrDefault(slowest, 1));
        return new Bound(slowest, slowestCustomers, slowestCalls / (double) slowestCustomers,
                slowestCalls * size.latencyMs() / 1000.0, calls.values().stream().mapToLong(Long::longValue).sum(),
                customers.size());
    }

    // ------------------------------------------------------------------ truth

    private record Truth(int feeds, long ledgerPages, long truthPages, long nightPages, long lastNightDepositAt,
            List<String> differing) {
    }

    /** The simulator's truth of a feed per day of [from, to). */
    private record FeedTruth(BenchFleet.Feed feed, LocalDate from, Map<LocalDate, Long> days) {
    }

    /**
     * Every feed's ledger (the deposits topic, as a subscriber sees it, duplicates by deposit id
     * counted once) per service day against the simulator's ground truth, from the feed's first
     * comparable day (its activation date; for a current-counter vendor activated before the first
     * night, that night: such vendors keep no history) to the day before the timed night. A deposit
     * still in an outbox is waited for: the comparison is repeated until it holds or the ledger has
     * not changed for 30 s.
     */
    private Truth compareWithTruth(List<BenchFleet.Feed> feeds, LocalDate firstNight, LocalDate timedNight)
            throws Exception {
        List<FeedTruth> truths = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(TRUTH_PARALLEL);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (BenchFleet.Feed feed : feeds) {
                done.add(pool.submit(() -> {
                    LocalDate from = feed.currentCounters() && feed.activationDate().isBefore(firstNight) ? firstNight
                            : feed.activationDate();
                    truths.add(new FeedTruth(feed, from,
                            simulator.truth(feed.serverName(), feed.externalId(), from, timedNight, false)));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long lastChange = System.nanoTime();
        long previousLedger = Long.MIN_VALUE;
        while (true) {
            Truth truth = compare(truths, timedNight);
            if (truth.ledgerPages() != previousLedger) {
                previousLedger = truth.ledgerPages();
                lastChange = System.nanoTime();
            }
            if (truth.differing().isEmpty() || System.nanoTime() - lastChange > Duration.ofSeconds(30).toNanos()) {
                return truth;
            }
            sleep(1000);
        }
    }

    private Truth compare(List<FeedTruth> truths, LocalDate timedNight) {
        Map<String, Map<LocalDate, Long>> ledger = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        long nightPages = 0;
        long lastNightDeposit = 0;
        for (ConsumerRecord<String, byte[]> record : TopicContents.read(stack.kafkaBootstrapServers(), Topics.DEPOSITS,
                Duration.ofMinutes(2))) {
            DepositRecorded deposit = EventJson.read(record.value(), DepositRecorded.class);
            if (seen.add(deposit.depositId().toString())) {
                ledger.computeIfAbsent(deposit.feedId().toString(), k -> new TreeMap<>())
                        .merge(deposit.serviceDate(), deposit.standardPages(), Long::sum);
                if (deposit.asOf().equals(timedNight)) {
                    nightPages += deposit.standardPages();
                    lastNightDeposit = Math.max(lastNightDeposit, record.timestamp());
                }
            }
        }
        long ledgerPages = 0;
        long truthPages = 0;
        List<String> differing = new ArrayList<>();
        for (FeedTruth truth : truths) {
            Map<LocalDate, Long> mine = ledger.getOrDefault(truth.feed().feedId(), Map.of());
            for (LocalDate day = truth.from(); day.isBefore(timedNight); day = day.plusDays(1)) {
                long expected = truth.days().getOrDefault(day, 0L);
                long actual = mine.getOrDefault(day, 0L);
                ledgerPages += actual;
                truthPages += expected;
                if (expected != actual) {
                    differing.add(truth.feed().serverName() + "/" + truth.feed().externalId() + " " + day + ": ledger "
                            + actual + " truth " + expected);
                }
            }
        }
        return new Truth(truths.size(), ledgerPages, truthPages, nightPages, lastNightDeposit, differing);
    }

    /** A scratch database on the stack's PostgreSQL for the raw baseline (no service's tables touched). */
    private String scratchDatabase() {
        PostgresServer.external(stack.postgresJdbcUrl("postgres"), PostgresServer.EMBEDDED_USER,
                PostgresServer.EMBEDDED_PASSWORD).createDatabaseIfMissing("bench_scratch");
        return stack.postgresJdbcUrl("bench_scratch");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
