package io.canopy.metering;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.localstack.testing.TestKafka;
import io.canopy.localstack.testing.TopicContents;

/** Sends readings the way collector does (real broker, CloudEvents headers, keyed by feed) and reads what metering made of them. */
final class MeteringTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate DAY0 = LocalDate.of(2026, 2, 1);

    private MeteringTestSupport() {
    }

    /** One customer feed of a meter vendor, with helpers to build its records. */
    record Feed(UUID dealerId, UUID accountId, UUID feedId, UUID serverId, String timeZone, PaperBasis basis,
            String accountName) {

        static Feed random() {
            return new Feed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "UTC", null,
                    "Hawthorn Clinic");
        }

        /** The same feed in another time zone (business days are dates there). */
        Feed inZone(String zone) {
            return new Feed(dealerId, accountId, feedId, serverId, zone, basis, accountName);
        }

        /** The same feed as an older producer describes it: no account name on its completions. */
        Feed withoutAccountName() {
            return new Feed(dealerId, accountId, feedId, serverId, timeZone, basis, null);
        }

        UUID request(DateWindow window, CollectionPurpose purpose) {
            return DeterministicIds.collectionRequest(feedId, window, purpose);
        }

        /** The counter of a device at the end of a day (23:00 in UTC). */
        MeterSnapshot snapshot(UUID requestId, String device, int day, long small) {
            return snapshotAt(requestId, device, DAY0.plusDays(day).atTime(23, 0).toInstant(ZoneOffset.UTC), small);
        }

        MeterSnapshot snapshotAt(UUID requestId, String device, Instant at, long small) {
            return new MeterSnapshot(DeterministicIds.meterSnapshot(VendorType.PRINT_TRACKER, serverId, device, at),
                    requestId, dealerId, accountId, feedId, serverId, VendorType.PRINT_TRACKER, device, true, at, small, 0,
                    null, "life", DAY0.plusDays(30));
        }

        UsageAggregate aggregate(UUID requestId, int day, long small, long large, long duplex) {
            LocalDate date = DAY0.plusDays(day);
            return new UsageAggregate(DeterministicIds.usageAggregate(feedId, date, requestId), requestId, dealerId,
                    accountId, feedId, serverId, VendorType.ONESTOP, date, small, large, duplex, 3, null, date.plusDays(1));
        }

        CollectionCompleted completed(UUID requestId, DateWindow window, CollectionPurpose purpose, int snapshots) {
            return new CollectionCompleted(requestId, dealerId, accountId, feedId, serverId, window, purpose, snapshots, 0,
                    window.to(), window.to().atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(7200), timeZone, basis, accountName);
        }

        /** A completion carrying the feed's activation date, as producers since issue #16 write it. */
        CollectionCompleted completed(UUID requestId, DateWindow window, CollectionPurpose purpose, int snapshots,
                LocalDate activationDate) {
            CollectionCompleted c = completed(requestId, window, purpose, snapshots);
            return new CollectionCompleted(c.requestId(), c.dealerId(), c.accountId(), c.feedId(), c.serverId(), c.window(),
                    c.purpose(), c.snapshots(), c.aggregates(), c.asOf(), c.completedAt(), c.timeZone(), c.paperBasis(),
                    c.accountName(), activationDate);
        }
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static KafkaProducer<String, byte[]> producer() {
        return TestKafka.producer(bootstrap());
    }

    /** Publishes events in order on the readings topic as collector does; returns the offset of the first. */
    static long send(List<? extends CanopyEvent> events) {
        return sendTraced(null, events);
    }

    /** As {@link #send}, every record carrying the W3C {@code traceparent} (when not null), as collector's do. */
    static long sendTraced(String traceparent, List<? extends CanopyEvent> events) {
        long first = -1;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (CanopyEvent event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.METER_READINGS, event.partitionKey(),
                        EventJson.write(event));
                CloudEventHeaders.of(event, "/canopy/collector-service", Instant.now())
                        .forEach((name, value) -> record.headers().add(name, value));
                if (traceparent != null) {
                    record.headers().add("traceparent", traceparent.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                long offset = producer.send(record).get().offset();
                first = first < 0 ? offset : first;
            }
            return first;
        } catch (Exception e) {
            throw new IllegalStateException("cannot send test readings", e);
        }
    }

    /** A record that is not a readable event, keyed by the feed, with CloudEvents headers claiming a snapshot. */
    static void sendGarbage(UUID feedId, UUID requestId) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            String body = "{\"requestId\":\"" + requestId + "\",\"feedId\":\"" + feedId + "\",\"smallCount\":\"N/A\"";
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.METER_READINGS, feedId.toString(),
                    body.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, "io.canopy.MeterSnapshot.v1".getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send garbage", e);
        }
    }

    record Row(UUID depositId, LocalDate day, long pages, long dayTotal, String kind, UUID requestId) {
    }

    static List<Row> deposits(DataSource dataSource, UUID feedId) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT deposit_id, service_date, standard_pages, day_total_pages, kind, request_id FROM deposit"
                        + " WHERE feed_id = ? ORDER BY position")) {
            s.setObject(1, feedId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(), rs.getLong(3),
                            rs.getLong(4), rs.getString(5), rs.getObject(6, UUID.class)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static long count(DataSource dataSource, String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a topic from the beginning to its current end that matches. */
    static List<ConsumerRecord<String, byte[]>> records(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        return TopicContents.read(bootstrap(), topic, Duration.ofSeconds(30)).stream().filter(filter).toList();
    }
}
