package io.canopy.health;

import static io.canopy.localstack.testing.Eventually.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.ServerCheckPassed;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.localstack.testing.Sql;
import io.canopy.localstack.testing.TestKafka;
import io.canopy.localstack.testing.TopicContents;

/**
 * Sends outcomes and deposits the way collector and metering do (real broker, CloudEvents binary
 * headers, their keys), and reads what health stored and published. Every test uses a fresh dealer,
 * so its business clock (per dealer) is its own.
 */
final class HealthTestSupport {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private HealthTestSupport() {
    }

    /** One dealer's feed on one server, in an account of the given zone. */
    record Fleet(UUID dealer, UUID account, UUID feed, UUID server, String zone) {
        static Fleet random(String zone) {
            return new Fleet(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), zone);
        }

        Fleet anotherFeedOnTheSameServer() {
            return new Fleet(dealer, UUID.randomUUID(), UUID.randomUUID(), server, zone);
        }
    }

    static LocalDate march(int day) {
        return LocalDate.of(2026, 3, day);
    }

    /** The nightly collection as of {@code asOf} (window: the day before), newest reading at {@code newestReading}. */
    static CollectionSucceeded night(Fleet f, LocalDate asOf, Instant newestReading) {
        DateWindow window = DateWindow.day(asOf.minusDays(1));
        return new CollectionSucceeded(DeterministicIds.collectionRequest(f.feed(), window, CollectionPurpose.NIGHTLY),
                f.dealer(), f.account(), f.feed(), f.server(), VendorType.MPS_MONITOR, window, CollectionPurpose.NIGHTLY, asOf,
                12, 0, 3, newestReading, null, 0, Map.of(), moment(asOf, 2), f.zone());
    }

    /** A night whose reading is 23:00 UTC of {@code readingDay}. */
    static CollectionSucceeded night(Fleet f, LocalDate asOf, LocalDate readingDay) {
        return night(f, asOf, readingDay.atTime(23, 0).toInstant(ZoneOffset.UTC));
    }

    static CollectionFailed failedNight(Fleet f, LocalDate asOf, FailureKind kind) {
        DateWindow window = DateWindow.day(asOf.minusDays(1));
        return new CollectionFailed(DeterministicIds.collectionRequest(f.feed(), window, CollectionPurpose.NIGHTLY),
                f.dealer(), f.account(), f.feed(), f.server(), VendorType.MPS_MONITOR, window, CollectionPurpose.NIGHTLY, asOf,
                kind, "connection refused", null, 3, moment(asOf, 2), f.zone());
    }

    static ServerCheckPassed checkPassed(Fleet f, LocalDate asOf, int hour) {
        Instant at = moment(asOf, hour);
        return new ServerCheckPassed(DeterministicIds.serverCheck(f.server(), at), f.dealer(), f.server(),
                VendorType.MPS_MONITOR, asOf, at);
    }

    static io.canopy.contracts.events.ServerCheckFailed checkFailed(Fleet f, LocalDate asOf, int hour, FailureKind kind) {
        Instant at = moment(asOf, hour);
        return new io.canopy.contracts.events.ServerCheckFailed(DeterministicIds.serverCheck(f.server(), at), f.dealer(),
                f.server(), VendorType.MPS_MONITOR, asOf, kind, "connection refused", null, at);
    }

    static DepositRecorded deposit(Fleet f, LocalDate serviceDate, long pages, LocalDate asOf) {
        UUID request = UUID.randomUUID();
        return new DepositRecorded(DeterministicIds.deposit(f.feed(), serviceDate, request), f.dealer(), f.account(), f.feed(),
                serviceDate, pages, pages, io.canopy.contracts.events.DepositKind.REGULAR, request, asOf, moment(asOf, 3));
    }

    static Instant moment(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    // --- Kafka ------------------------------------------------------------------------------------

    static String topicOf(CanopyEvent event) {
        return event instanceof DepositRecorded ? Topics.DEPOSITS : Topics.COLLECTION_OUTCOMES;
    }

    /** Sends the events in order, each with its own id as {@code ce_id}. */
    static void send(CanopyEvent... events) {
        try (var producer = producer()) {
            for (CanopyEvent e : events) {
                producer.send(record(e, e.eventId().toString())).get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sends the event with a chosen {@code ce_id} (a redelivery keeps it; a re-publication may not). */
    static void sendWithMessageId(CanopyEvent event, String ceId) {
        try (var producer = producer()) {
            producer.send(record(event, ceId)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ProducerRecord<String, byte[]> record(CanopyEvent event, String ceId) {
        var record = new ProducerRecord<String, byte[]>(topicOf(event), event.partitionKey(), EventJson.write(event));
        CloudEventHeaders.of(event, "/canopy/health-test", Instant.now()).forEach((k, v) -> {
            if (!k.equals(CloudEventHeaders.ID)) {
                record.headers().add(k, v);
            }
        });
        record.headers().add(CloudEventHeaders.ID, ceId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    static void sendRaw(String topic, String key, byte[] body, Map<String, String> headers) {
        try (var producer = producer()) {
            var record = new ProducerRecord<String, byte[]>(topic, key, body);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return TestKafka.producer(bootstrap());
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Sends the events and waits until health has consumed each (applied, or recognised as a repeat). */
    static void sendAndAwait(DataSource db, CanopyEvent... events) {
        send(events);
        for (CanopyEvent e : events) {
            awaitConsumed(db, e.eventId().toString());
        }
    }

    static void awaitConsumed(DataSource db, String messageId) {
        await("message " + messageId + " consumed",
                () -> count(db, "SELECT count(*) FROM consumed_message WHERE message_id = ?", messageId) == 1);
    }

    /** Every event health published with this key, in topic order: reads each partition to its end as of now. */
    static List<CanopyEvent> healthEventsFor(UUID key) {
        return TopicContents.read(bootstrap(), Topics.HEALTH, PATIENCE).stream()
                .filter(record -> key.toString().equals(record.key()))
                .map(record -> EventJson.read(record.value(), new String(
                        record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8)))
                .toList();
    }

    /** Waits until the relay published everything health wrote to its outbox for this key, then reads the topic. */
    static List<CanopyEvent> awaitPublished(DataSource db, UUID key) {
        await("health events of " + key + " published", () -> count(db,
                "SELECT count(*) FROM outbox_event WHERE record_key = ? AND published_at IS NULL", key.toString()) == 0);
        return healthEventsFor(key);
    }

    static <T> List<T> ofType(List<CanopyEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // --- database --------------------------------------------------------------------------------

    static long count(DataSource db, String sql, Object... args) {
        Long n = single(db, sql, rs -> rs.getLong(1), args);
        return n == null ? 0 : n;
    }

    static String feedStatus(DataSource db, UUID feed) {
        return single(db, "SELECT status || coalesce('/' || reason, '') FROM feed_health WHERE feed_id = ?",
                rs -> rs.getString(1), feed);
    }

    static String text(DataSource db, String sql, Object... args) {
        return single(db, sql, rs -> rs.getString(1), args);
    }

    static LocalDate day(DataSource db, String sql, Object... args) {
        return single(db, sql, rs -> rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate(), args);
    }

    static Integer integer(DataSource db, String sql, Object... args) {
        return single(db, sql, rs -> rs.getInt(1), args);
    }

    interface Row<T> extends Sql.Row<T> {
    }

    static <T> T single(DataSource db, String sql, Row<T> row, Object... args) {
        return Sql.single(db, sql, row, args);
    }

    static void execute(DataSource db, String sql, Object... args) {
        Sql.execute(db, sql, args);
    }
}
