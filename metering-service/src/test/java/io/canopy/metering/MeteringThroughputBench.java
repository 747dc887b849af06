package io.canopy.metering;

import static io.canopy.metering.MeteringTestSupport.DAY0;
import static io.canopy.metering.MeteringTestSupport.count;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.TestKafka;
import io.canopy.metering.MeteringTestSupport.Feed;
import io.canopy.metering.messaging.ReadingsConsumer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Throughput, not a timed test (excluded by default; run with
 * {@code ../mvnw -B test -Dtest=MeteringThroughputBench -Dcanopy.test.excluded-groups=none}).
 * FEEDS x DEVICES meter devices, NIGHTS nightly requests each, produced while the consumer is
 * stopped; then the clock runs from starting the consumer until every deposit is in the ledger
 * (delta + ledger + outbox). The same run's baseline: a plain consumer reading the same snapshots
 * and COPYing them into a scratch table, the floor any PostgreSQL-backed consumer stands on.
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class MeteringThroughputBench {

    static final int FEEDS = Integer.getInteger("bench.feeds", 50);
    static final int DEVICES = Integer.getInteger("bench.devices", 40);
    static final int NIGHTS = Integer.getInteger("bench.nights", 10);

    @Inject
    DataSource dataSource;

    @Inject
    ReadingsConsumer consumer;

    /** Feeds of the untimed warm-up round: a service that has run a while has its code compiled. */
    static final int WARMUP_FEEDS = Integer.getInteger("bench.warmup-feeds", 10);

    @Test
    void snapshotsPerSecondThroughDeltaAndLedger() throws Exception {
        consumer.stop();
        if (WARMUP_FEEDS > 0) {
            List<Feed> warmup = produce(WARMUP_FEEDS, new ArrayList<>());
            consumer.start();
            awaitDeposits(warmup, (long) WARMUP_FEEDS * (NIGHTS - 1));
            consumer.stop();
        }
        List<UUID> snapshotIds = new ArrayList<>();
        List<Feed> feeds = produce(FEEDS, snapshotIds);
        int snapshots = FEEDS * DEVICES * NIGHTS;
        long expectedDeposits = (long) FEEDS * (NIGHTS - 1); // night 0 is the baseline

        ProcessCpu cpuBefore = ProcessCpu.now();
        long start = System.nanoTime();
        consumer.start();
        awaitDeposits(feeds, expectedDeposits);
        double meteringSeconds = (System.nanoTime() - start) / 1e9;
        ProcessCpu meteringCpu = ProcessCpu.now().since(cpuBefore);
        long consumerThreadNanos = threadCpu("metering-readings-consumer");

        ProcessCpu rawBefore = ProcessCpu.now();
        long rawThreadBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        double baselineSeconds = consumeAndCopy(snapshots, feeds);
        long rawThreadNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - rawThreadBefore;
        ProcessCpu rawCpu = ProcessCpu.now().since(rawBefore);

        System.out.printf("%nBENCH metering: %d snapshots (%d feeds x %d devices x %d nights) + %d completions -> %d deposits"
                + " (after an untimed warm-up of %d feeds)%n", snapshots, FEEDS, DEVICES, NIGHTS, FEEDS * NIGHTS,
                expectedDeposits, WARMUP_FEEDS);
        System.out.printf("BENCH metering: delta + ledger + outbox: %.1f s = %.0f snapshots/s%n", meteringSeconds,
                snapshots / meteringSeconds);
        System.out.printf("BENCH metering: baseline consume + decode + COPY: %.1f s = %.0f snapshots/s%n",
                baselineSeconds, snapshots / baselineSeconds);
        System.out.printf("BENCH metering: ratio %.1f; CPU-ms per 1,000 snapshots: metering consumer thread %.0f,"
                + " JVM %.0f, PostgreSQL %.0f; raw consumer thread %.0f, JVM %.0f, PostgreSQL %.0f%n%n",
                meteringSeconds / baselineSeconds, ProcessCpu.perThousand(consumerThreadNanos, snapshots),
                ProcessCpu.perThousand(meteringCpu.jvmNanos(), snapshots),
                ProcessCpu.perThousand(meteringCpu.postgresNanos(), snapshots),
                ProcessCpu.perThousand(rawThreadNanos, snapshots), ProcessCpu.perThousand(rawCpu.jvmNanos(), snapshots),
                ProcessCpu.perThousand(rawCpu.postgresNanos(), snapshots));
    }

    /** Produces NIGHTS nightly requests of DEVICES meter devices for that many new feeds, night by night. */
    private List<Feed> produce(int feedCount, List<UUID> snapshotIds) throws Exception {
        List<Feed> feeds = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = MeteringTestSupport.producer()) {
            for (int f = 0; f < feedCount; f++) {
                feeds.add(Feed.random());
            }
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (int night = 0; night < NIGHTS; night++) {
                for (Feed feed : feeds) {
                    DateWindow window = DateWindow.day(DAY0.plusDays(night));
                    UUID request = feed.request(window, CollectionPurpose.NIGHTLY);
                    List<CanopyEvent> events = new ArrayList<>();
                    for (int d = 0; d < DEVICES; d++) {
                        MeterSnapshot s = feed.snapshot(request, "dev-" + d, night, 10_000L + night * (100L + d));
                        events.add(s);
                        snapshotIds.add(s.snapshotId());
                    }
                    events.add(feed.completed(request, window, CollectionPurpose.NIGHTLY, DEVICES));
                    for (CanopyEvent event : events) {
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.METER_READINGS,
                                event.partitionKey(), EventJson.write(event));
                        CloudEventHeaders.of(event, "/canopy/bench", Instant.now()).forEach(record.headers()::add);
                        acks.add(producer.send(record)); // one producer keeps each partition's order
                    }
                }
            }
            for (var ack : acks) {
                ack.get();
            }
        }
        return feeds;
    }

    private void awaitDeposits(List<Feed> feeds, long expected) throws Exception {
        String feedIds = feeds.stream().map(f -> "'" + f.feedId() + "'").reduce((a, b) -> a + "," + b).orElseThrow();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count(dataSource, "SELECT count(*) FROM deposit WHERE feed_id IN (" + feedIds + ")") < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("bench did not finish in 10 minutes");
            }
            Thread.sleep(50);
        }
    }

    private static long threadCpu(String name) {
        var threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId())).sum();
    }

    /** A fresh consumer group reads the readings topic from the start and COPYs this run's snapshots. */
    private double consumeAndCopy(int snapshots, List<Feed> feeds) throws Exception {
        var config = ConfigProvider.getConfig();
        java.util.Set<String> ours = new java.util.HashSet<>();
        feeds.forEach(f -> ours.add(f.feedId().toString()));
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE bench_raw_reading (snapshot_id uuid, feed_id uuid, device_id text,"
                    + " reading_time timestamptz, small_count bigint, large_count bigint)");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            int copied = 0;
            try (var raw = TestKafka.consumer(MeteringTestSupport.bootstrap(),
                    Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500))) {
                raw.subscribe(List.of(Topics.METER_READINGS));
                while (copied < snapshots) {
                    StringBuilder csv = new StringBuilder();
                    int batch = 0;
                    for (ConsumerRecord<String, byte[]> record : raw.poll(Duration.ofMillis(500))) {
                        if (!ours.contains(record.key())) {
                            continue;
                        }
                        if (EventRecords.decode(record) instanceof MeterSnapshot m) {
                            csv.append(m.snapshotId()).append(',').append(m.feedId()).append(',').append(m.deviceId())
                                    .append(',').append(m.readingTime()).append(',').append(m.smallCount()).append(',')
                                    .append(m.largeCount()).append('\n');
                            batch++;
                        }
                    }
                    if (batch > 0) {
                        copy.copyIn("COPY bench_raw_reading FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
                        copied += batch;
                    }
                    raw.commitSync();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
