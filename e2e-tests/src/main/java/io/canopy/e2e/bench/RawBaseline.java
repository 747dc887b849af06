package io.canopy.e2e.bench;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;

/**
 * The floor any PostgreSQL-backed consumer of the readings stands on, measured in the same run on
 * the same records: a plain consumer reads the night's readings from {@code canopy.meter.readings.v1},
 * decodes them and COPYs each poll's batch into a scratch table (one statement per batch, autocommit),
 * as {@code MeteringThroughputBench}'s baseline does.
 */
final class RawBaseline {

    /** @param records readings copied; @param seconds from the first poll to the last COPY */
    record Result(long records, double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : records / seconds;
        }
    }

    private RawBaseline() {
    }

    static Result run(String bootstrap, List<TopicPartition> partitions, Map<TopicPartition, Long> from,
            Map<TopicPartition, Long> to, String jdbcUrl, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_raw_reading");
            s.execute("CREATE UNLOGGED TABLE bench_raw_reading (reading_id uuid, feed_id uuid, device_id text,"
                    + " reading_time timestamptz, service_date date, small_count bigint, large_count bigint)");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            long copied = 0;
            long started = System.nanoTime();
            try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
                consumer.assign(partitions);
                partitions.forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < to.getOrDefault(tp, 0L))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the raw baseline did not read the readings within 10 min");
                    }
                    StringBuilder csv = new StringBuilder();
                    int batch = 0;
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                        if (record.offset() >= to.getOrDefault(tp, 0L) || type == null) {
                            continue;
                        }
                        CanopyEvent event = EventJson.read(record.value(), new String(type.value(), StandardCharsets.UTF_8));
                        if (event instanceof MeterSnapshot m) {
                            csv.append(m.snapshotId()).append(',').append(m.feedId()).append(',').append(m.deviceId())
                                    .append(',').append(m.readingTime()).append(",,").append(m.smallCount()).append(',')
                                    .append(m.largeCount()).append('\n');
                            batch++;
                        } else if (event instanceof UsageAggregate a) {
                            csv.append(a.aggregateId()).append(',').append(a.feedId()).append(",,,").append(a.serviceDate())
                                    .append(',').append(a.smallPages()).append(',').append(a.largePages()).append('\n');
                            batch++;
                        }
                    }
                    if (batch > 0) {
                        copy.copyIn("COPY bench_raw_reading FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
                        copied += batch;
                    }
                }
            }
            return new Result(copied, (System.nanoTime() - started) / 1e9);
        }
    }
}
