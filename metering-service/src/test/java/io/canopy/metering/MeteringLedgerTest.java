package io.canopy.metering;

import static io.canopy.localstack.testing.Eventually.await;
import static io.canopy.metering.MeteringTestSupport.DAY0;
import static io.canopy.metering.MeteringTestSupport.count;
import static io.canopy.metering.MeteringTestSupport.deposits;
import static io.canopy.metering.MeteringTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.localstack.LocalStackResource;
import io.canopy.metering.MeteringTestSupport.Feed;
import io.canopy.metering.MeteringTestSupport.Row;
import io.canopy.metering.config.MeteringConfig;
import io.canopy.kit.deadletter.DeadLetterHeaders;
import io.canopy.metering.messaging.ReadingsConsumer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readings through the real broker into the real PostgreSQL ledger and out on canopy.deposits.v1. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class MeteringLedgerTest {

    static final DateWindow FIRST_NIGHTS = DateWindow.of(DAY0, DAY0.plusDays(4));

    @Inject
    DataSource dataSource;

    @Inject
    ReadingsConsumer consumer;

    @Inject
    MeteringConfig config;

    /** Baseline on day 0, then 300, 150 and 0 pages on days 1..3 for device A; device B starts on day 1. */
    static List<CanopyEvent> firstRequest(Feed feed, UUID request) {
        List<CanopyEvent> events = new ArrayList<>(List.of(
                feed.snapshot(request, "A", 0, 10_000), feed.snapshot(request, "A", 1, 10_300),
                feed.snapshot(request, "A", 2, 10_450), feed.snapshot(request, "A", 3, 10_450),
                feed.snapshot(request, "B", 1, 500), feed.snapshot(request, "B", 3, 540)));
        events.add(feed.completed(request, FIRST_NIGHTS, CollectionPurpose.BACKFILL, 6));
        return events;
    }

    static Map<LocalDate, Long> pagesPerDay(List<Row> rows) {
        Map<LocalDate, Long> sums = new java.util.TreeMap<>();
        rows.forEach(r -> sums.merge(r.day(), r.pages(), Long::sum));
        return sums;
    }

    @Test
    void theDepositsOfACollectionContinueItsTrace() {
        String traceId = "5b8efff798038103d269b633813fc60c";
        String collectorSpan = "eee19b7ec3c1b174";
        Feed feed = Feed.random();
        MeteringTestSupport.sendTraced("00-" + traceId + "-" + collectorSpan + "-00",
                firstRequest(feed, feed.request(FIRST_NIGHTS, CollectionPurpose.BACKFILL)));

        await("the deposits on canopy.deposits.v1", () -> MeteringTestSupport.records(Topics.DEPOSITS,
                r -> feed.accountId().toString().equals(r.key())).size() == 3);
        assertThat(MeteringTestSupport.records(Topics.DEPOSITS, r -> feed.accountId().toString().equals(r.key())))
                .allSatisfy(r -> assertThat(EventRecords.header(r, "traceparent"))
                        .contains("00-" + traceId + "-" + collectorSpan + "-00"));
    }

    @Test
    void completedRequestDepositsEveryDayAndPublishesDepositRecordedKeyedByAccount() {
        Feed feed = Feed.random();
        UUID request = feed.request(FIRST_NIGHTS, CollectionPurpose.BACKFILL);
        send(firstRequest(feed, request));

        await("deposits for days 1..3", () -> deposits(dataSource, feed.feedId()).size() == 3);
        List<Row> rows = deposits(dataSource, feed.feedId());
        // Device B's 40 pages over days 2..3 are spread 20/20 (largest remainder).
        assertThat(pagesPerDay(rows)).containsExactlyInAnyOrderEntriesOf(Map.of(DAY0.plusDays(1), 300L, DAY0.plusDays(2), 170L,
                DAY0.plusDays(3), 20L));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo("regular");
            assertThat(r.requestId()).isEqualTo(request);
            assertThat(r.dayTotal()).isEqualTo(r.pages());
        });

        await("the deposits on canopy.deposits.v1", () -> MeteringTestSupport.records(Topics.DEPOSITS,
                r -> feed.accountId().toString().equals(r.key())).size() == 3);
        var published = MeteringTestSupport.records(Topics.DEPOSITS, r -> feed.accountId().toString().equals(r.key()));
        assertThat(published).allSatisfy(r -> {
            assertThat(EventRecords.header(r, "ce_type")).contains("io.canopy.DepositRecorded.v1");
            DepositRecorded event = (DepositRecorded) EventRecords.decode(r);
            assertThat(event.feedId()).isEqualTo(feed.feedId());
            assertThat(event.dealerId()).isEqualTo(feed.dealerId());
            assertThat(event.accountName()).as("the account's name travels for certificates").isEqualTo("Hawthorn Clinic");
            assertThat(EventRecords.id(r)).contains(event.depositId().toString());
        });
        assertThat(published.stream().map(r -> ((DepositRecorded) EventRecords.decode(r)).standardPages()).toList())
                .containsExactlyInAnyOrder(300L, 170L, 20L);
    }

    @Test
    void theSameCompletionDeliveredTwiceYieldsOneSetOfDeposits() {
        Feed feed = Feed.random();
        UUID request = feed.request(FIRST_NIGHTS, CollectionPurpose.BACKFILL);
        send(firstRequest(feed, request));
        send(firstRequest(feed, request));
        // A later request on the same partition: once it is deposited, both copies were processed.
        DateWindow night = DateWindow.day(DAY0.plusDays(4));
        UUID next = feed.request(night, CollectionPurpose.NIGHTLY);
        send(List.of(feed.snapshot(next, "A", 4, 10_500), feed.completed(next, night, CollectionPurpose.NIGHTLY, 1)));

        await("the next night's deposit", () -> deposits(dataSource, feed.feedId()).stream()
                .anyMatch(r -> r.requestId().equals(next)));
        assertThat(deposits(dataSource, feed.feedId())).hasSize(4);
        assertThat(count(dataSource, "SELECT count(*) FROM outbox_event WHERE record_key = ?",
                feed.accountId().toString())).isEqualTo(4);
    }

    @Test
    void aCrashBetweenDatabaseCommitAndOffsetCommitDepositsNothingTwice() throws Exception {
        Feed feed = Feed.random();
        UUID request = feed.request(FIRST_NIGHTS, CollectionPurpose.BACKFILL);
        long firstOffset = send(firstRequest(feed, request));
        await("deposits", () -> deposits(dataSource, feed.feedId()).size() == 3);
        List<Row> before = deposits(dataSource, feed.feedId());

        // What a crash after the commit but before the offset commit leaves behind: the group's offset
        // still before the request. Stop the consumer, put the offset back, start again.
        consumer.stop();
        int partition = partitionOf(feed);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                MeteringTestSupport.bootstrap()))) {
            await("the consumer group to be empty", () -> {
                try {
                    admin.alterConsumerGroupOffsets(config.consumer().groupId(), Map.of(
                            new TopicPartition(Topics.METER_READINGS, partition), new OffsetAndMetadata(firstOffset)))
                            .all().get();
                    return true;
                } catch (Exception e) {
                    return false; // members still leaving
                }
            });
        }
        consumer.start();

        DateWindow night = DateWindow.day(DAY0.plusDays(4));
        UUID next = feed.request(night, CollectionPurpose.NIGHTLY);
        send(List.of(feed.snapshot(next, "A", 4, 10_600), feed.completed(next, night, CollectionPurpose.NIGHTLY, 1)));
        await("the next night's deposit", () -> deposits(dataSource, feed.feedId()).size() == 4);
        assertThat(deposits(dataSource, feed.feedId()).subList(0, 3)).isEqualTo(before);
        await("all published", () -> count(dataSource,
                "SELECT count(*) FROM outbox_event WHERE record_key = ? AND published_at IS NULL",
                feed.accountId().toString()) == 0);
        var published = MeteringTestSupport.records(Topics.DEPOSITS, r -> feed.accountId().toString().equals(r.key()));
        assertThat(published.stream().map(r -> EventRecords.id(r).orElseThrow()).distinct()).hasSize(published.size());
        assertThat(published).hasSize(4);
    }

    private int partitionOf(Feed feed) {
        return MeteringTestSupport.records(Topics.METER_READINGS, r -> feed.feedId().toString().equals(r.key()))
                .get(0).partition();
    }

    @Test
    void backfillWithMoreDataForADepositedDayAppendsOneAdjustment() {
        Feed feed = Feed.random();
        UUID nightly = feed.request(FIRST_NIGHTS, CollectionPurpose.NIGHTLY);
        send(List.of(feed.snapshot(nightly, "A", 0, 10_000), feed.snapshot(nightly, "A", 1, 10_300),
                feed.snapshot(nightly, "A", 2, 10_450), feed.snapshot(nightly, "B", 1, 500),
                feed.snapshot(nightly, "B", 3, 540), feed.completed(nightly, FIRST_NIGHTS, CollectionPurpose.NIGHTLY, 5)));
        await("nightly deposits", () -> deposits(dataSource, feed.feedId()).size() == 3);

        // The vendor's agent uploads late: device A printed 60 more pages late on day 2, nothing on day 3.
        UUID backfill = feed.request(FIRST_NIGHTS, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(backfill, "A", 2, 10_450),
                feed.snapshotAt(backfill, "A", DAY0.plusDays(2).atTime(23, 30).toInstant(ZoneOffset.UTC), 10_510),
                feed.snapshot(backfill, "A", 3, 10_510),
                feed.withoutAccountName().completed(backfill, FIRST_NIGHTS, CollectionPurpose.BACKFILL, 3)));

        await("the adjustment", () -> deposits(dataSource, feed.feedId()).size() == 4);
        Row adjustment = deposits(dataSource, feed.feedId()).get(3);
        assertThat(adjustment.kind()).isEqualTo("adjustment");
        assertThat(adjustment.day()).isEqualTo(DAY0.plusDays(2));
        assertThat(adjustment.pages()).isEqualTo(60);
        assertThat(adjustment.dayTotal()).isEqualTo(230);
        assertThat(adjustment.requestId()).isEqualTo(backfill);
        assertThat(pagesPerDay(deposits(dataSource, feed.feedId()))).containsEntry(DAY0.plusDays(3), 20L);

        // A completion without a name (an older collector) keeps the name the feed already had.
        await("the adjustment on canopy.deposits.v1", () -> MeteringTestSupport.records(Topics.DEPOSITS,
                r -> feed.accountId().toString().equals(r.key())).size() == 4);
        DepositRecorded published = MeteringTestSupport.records(Topics.DEPOSITS, r -> feed.accountId().toString().equals(r.key()))
                .stream().map(r -> (DepositRecorded) EventRecords.decode(r)).filter(d -> d.requestId().equals(backfill))
                .findFirst().orElseThrow();
        assertThat(published.accountName()).isEqualTo("Hawthorn Clinic");
    }

    @Test
    void aRepeatedAggregateForTheSameDayReplacesItInsteadOfAdding() {
        Feed feed = Feed.random();
        DateWindow day = DateWindow.day(DAY0.plusDays(5));
        UUID first = feed.request(day, CollectionPurpose.NIGHTLY);
        send(List.of(feed.aggregate(first, 5, 1_000, 100, 200), feed.completed(first, day, CollectionPurpose.NIGHTLY, 0)));
        await("the aggregate's deposit", () -> deposits(dataSource, feed.feedId()).size() == 1);
        assertThat(deposits(dataSource, feed.feedId()).get(0).pages()).isEqualTo(1_000 + 200 - 200);

        UUID manual = feed.request(day, CollectionPurpose.MANUAL);
        send(List.of(feed.aggregate(manual, 5, 1_100, 100, 200), feed.completed(manual, day, CollectionPurpose.MANUAL, 0)));
        await("the adjustment", () -> deposits(dataSource, feed.feedId()).size() == 2);
        Row adjustment = deposits(dataSource, feed.feedId()).get(1);
        assertThat(adjustment.pages()).isEqualTo(100);
        assertThat(adjustment.dayTotal()).isEqualTo(1_100);
        assertThat(adjustment.kind()).isEqualTo(DepositKind.ADJUSTMENT.name().toLowerCase());
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithTheRestOfItsRequestAndTheFeedGoesOn() {
        Feed feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(3));
        UUID request = feed.request(window, CollectionPurpose.NIGHTLY);
        send(List.of(feed.snapshot(request, "A", 0, 1_000), feed.snapshot(request, "A", 1, 1_100)));
        MeteringTestSupport.sendGarbage(feed.feedId(), request);
        send(List.of(feed.snapshot(request, "A", 2, 1_300), feed.completed(request, window, CollectionPurpose.NIGHTLY, 4)));

        DateWindow next = DateWindow.of(DAY0, DAY0.plusDays(4));
        UUID backfill = feed.request(next, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(backfill, "A", 0, 1_000), feed.snapshot(backfill, "A", 1, 1_100),
                feed.snapshot(backfill, "A", 2, 1_300), feed.snapshot(backfill, "A", 3, 1_350),
                feed.completed(backfill, next, CollectionPurpose.BACKFILL, 4)));

        await("the backfill's deposits", () -> deposits(dataSource, feed.feedId()).size() == 3);
        assertThat(deposits(dataSource, feed.feedId())).allSatisfy(r -> assertThat(r.requestId()).isEqualTo(backfill));
        assertThat(pagesPerDay(deposits(dataSource, feed.feedId()))).containsExactlyInAnyOrderEntriesOf(
                Map.of(DAY0.plusDays(1), 100L, DAY0.plusDays(2), 200L, DAY0.plusDays(3), 50L));

        var parked = MeteringTestSupport.records("canopy.meter.readings.v1.dead-letter.v1",
                r -> feed.feedId().toString().equals(r.key()));
        assertThat(parked).hasSize(3); // the garbage, the snapshot after it, the completion
        assertThat(EventRecords.header(parked.get(0), DeadLetterHeaders.REASON).orElseThrow()).contains("MeterSnapshot");
        assertThat(EventRecords.header(parked.get(0), DeadLetterHeaders.TOPIC)).contains("canopy.meter.readings.v1");
        assertThat(EventRecords.header(parked.get(0), DeadLetterHeaders.PARTITION).map(Integer::valueOf)).isPresent();
        assertThat(EventRecords.header(parked.get(0), DeadLetterHeaders.OFFSET).map(Long::valueOf)).isPresent();
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                "canopy_dead_letters_total{consumer=\"metering.readings\",topic=\"canopy.meter.readings.v1\""));
        assertThat(EventRecords.header(parked.get(2), "ce_type")).contains("io.canopy.CollectionCompleted.v1");
        assertThat(count(dataSource, "SELECT count(*) FROM parked_request WHERE request_id = ?", request)).isOne();
    }

    @Test
    void theLedgerRefusesUpdateAndDeleteInTheDatabase() {
        Feed feed = Feed.random();
        UUID request = feed.request(FIRST_NIGHTS, CollectionPurpose.BACKFILL);
        send(firstRequest(feed, request));
        await("deposits", () -> deposits(dataSource, feed.feedId()).size() == 3);

        // The service's own role is refused before the trigger runs (LedgerLeastPrivilegeTest shows the
        // trigger refusing the owner too).
        assertThatThrownBy(() -> execute("UPDATE deposit SET standard_pages = 1 WHERE feed_id = '" + feed.feedId() + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> execute("DELETE FROM deposit WHERE feed_id = '" + feed.feedId() + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> execute("TRUNCATE deposit")).isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied");
        assertThat(deposits(dataSource, feed.feedId())).hasSize(3);
    }

    @Test
    void theActivationDaysOwnPagesAreDepositedAndNothingBefore() {
        Feed feed = Feed.random().inZone("America/New_York");
        ZoneId zone = ZoneId.of(feed.timeZone());
        LocalDate activation = DAY0.plusDays(3);
        DateWindow window = DateWindow.of(activation.minusDays(5), activation.plusDays(2));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        // Reads at 23:00 New York time: the A-1 read is already the activation day in UTC.
        send(List.of(feed.snapshotAt(request, "A", activation.minusDays(4).atTime(23, 0).atZone(zone).toInstant(), 9_000),
                feed.snapshotAt(request, "A", activation.minusDays(1).atTime(23, 0).atZone(zone).toInstant(), 10_000),
                feed.snapshotAt(request, "A", activation.atTime(23, 0).atZone(zone).toInstant(), 10_250),
                feed.snapshotAt(request, "A", activation.plusDays(1).atTime(23, 0).atZone(zone).toInstant(), 10_330),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 4, activation)));

        await("deposits from the activation day", () -> deposits(dataSource, feed.feedId()).size() == 2);
        assertThat(pagesPerDay(deposits(dataSource, feed.feedId()))).containsExactlyInAnyOrderEntriesOf(
                Map.of(activation, 250L, activation.plusDays(1), 80L));
        assertThat(count(dataSource, "SELECT initial_count FROM device_state WHERE feed_id = ?", feed.feedId()))
                .as("the baseline is the last reading before the activation day").isEqualTo(10_000);

        // A later completion without the date (an older producer) keeps the feed's activation date.
        DateWindow night = DateWindow.day(activation.plusDays(2));
        UUID nightly = feed.request(night, CollectionPurpose.NIGHTLY);
        send(List.of(feed.snapshotAt(nightly, "A", activation.plusDays(2).atTime(23, 0).atZone(zone).toInstant(), 10_400),
                feed.completed(nightly, night, CollectionPurpose.NIGHTLY, 1)));
        await("the next night's deposit", () -> deposits(dataSource, feed.feedId()).size() == 3);
        assertThat(deposits(dataSource, feed.feedId())).allSatisfy(r -> assertThat(r.day()).isAfterOrEqualTo(activation));
    }

    @Test
    void aggregateDaysBeforeTheActivationDateAreIgnored() {
        Feed feed = Feed.random();
        LocalDate activation = DAY0.plusDays(6);
        DateWindow window = DateWindow.of(activation.minusDays(1), activation.plusDays(1));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.aggregate(request, 5, 700, 0, 0), feed.aggregate(request, 6, 1_000, 10, 0),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 0, activation)));
        await("the activation day's deposit", () -> deposits(dataSource, feed.feedId()).size() == 1);
        assertThat(deposits(dataSource, feed.feedId())).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(activation);
            assertThat(r.pages()).isEqualTo(1_020);
        });
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
