package io.canopy.health;

import static io.canopy.health.HealthTestSupport.awaitConsumed;
import static io.canopy.health.HealthTestSupport.awaitPublished;
import static io.canopy.health.HealthTestSupport.count;
import static io.canopy.health.HealthTestSupport.deposit;
import static io.canopy.health.HealthTestSupport.execute;
import static io.canopy.health.HealthTestSupport.failedNight;
import static io.canopy.health.HealthTestSupport.feedStatus;
import static io.canopy.health.HealthTestSupport.march;
import static io.canopy.health.HealthTestSupport.night;
import static io.canopy.health.HealthTestSupport.ofType;
import static io.canopy.health.HealthTestSupport.sendAndAwait;
import static io.canopy.health.HealthTestSupport.sendRaw;
import static io.canopy.health.HealthTestSupport.sendWithMessageId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.EventType;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.health.HealthTestSupport.Fleet;
import io.canopy.health.service.HealthSweep;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Feed health against the real broker and database: outcomes and deposits in through Kafka, health
 * changes and backfills out through the outbox on canopy.health.v1. March 2026: the 9th is a Monday.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "health"))
class FeedHealthFlowTest {

    @Inject
    DataSource db;

    @Inject
    HealthSweep sweep;

    /** Nightly runs as of {@code from}..{@code to}; the agent's counters froze after {@code lastReadingDay}. */
    static List<CollectionSucceeded> nights(Fleet f, LocalDate from, LocalDate to, LocalDate lastReadingDay) {
        List<CollectionSucceeded> nights = new ArrayList<>();
        for (LocalDate asOf = from; !asOf.isAfter(to); asOf = asOf.plusDays(1)) {
            LocalDate previous = asOf.minusDays(1);
            nights.add(night(f, asOf, previous.isAfter(lastReadingDay) ? lastReadingDay : previous));
        }
        return nights;
    }

    @Test
    void aStaleFeedGoesUnhealthyAfterThreeBusinessDaysAndItsRecoveryRequestsExactlyOneBackfill() {
        Fleet f = Fleet.random("UTC");
        // The agent's last reading is Monday 9th 23:00; Tuesday, Wednesday, Thursday bring nothing new.
        sendAndAwait(db, nights(f, march(3), march(12), march(9)).toArray(CanopyEvent[]::new));
        assertThat(feedStatus(db, f.feed())).as("2 business days and an hour as of Thursday").isEqualTo("HEALTHY");

        sendAndAwait(db, night(f, march(13), march(9)));
        assertThat(feedStatus(db, f.feed())).isEqualTo("UNHEALTHY/STALE_DATA");

        sendAndAwait(db, nights(f, march(14), march(16), march(9)).toArray(CanopyEvent[]::new));
        CollectionSucceeded recovery = night(f, march(17), march(16));
        sendAndAwait(db, recovery);
        assertThat(feedStatus(db, f.feed())).isEqualTo("HEALTHY");

        List<CanopyEvent> published = awaitPublished(db, f.feed());
        List<BackfillRequested> backfills = ofType(published, BackfillRequested.class);
        assertThat(backfills).singleElement().satisfies(b -> {
            assertThat(b.window()).as("from the day after the last new data to today").isEqualTo(DateWindow.of(march(10), march(17)));
            assertThat(b.backfillId()).isEqualTo(DeterministicIds.backfill(f.feed(), march(10)));
            assertThat(b.serverId()).isEqualTo(f.server());
            assertThat(b.accountId()).isEqualTo(f.account());
        });
        List<FeedHealthChanged> changes = ofType(published, FeedHealthChanged.class);
        assertThat(changes).extracting(FeedHealthChanged::status).containsExactly(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
        assertThat(changes.get(0).reason()).isEqualTo(FeedHealthReason.STALE_DATA);
        assertThat(changes.get(0).asOf()).isEqualTo(march(13));
        assertThat(changes.get(0).lastNewDataDate()).isEqualTo(march(9));
        assertThat(published.indexOf(backfills.get(0))).as("the backfill comes before 'healthy'")
                .isLessThan(published.indexOf(changes.get(1)));

        // Redelivered (same ce_id), re-published by a restarted collector (new ce_id), judged again by
        // the sweep, and replayed after the consumed-message log was lost: nothing new is published.
        sendWithMessageId(recovery, recovery.eventId().toString());
        String republished = UUID.randomUUID().toString();
        sendWithMessageId(recovery, republished);
        awaitConsumed(db, republished);
        sweep.sweep();
        execute(db, "DELETE FROM consumed_message WHERE message_id = ?", recovery.eventId().toString());
        sendAndAwait(db, recovery);

        assertThat(awaitPublished(db, f.feed())).isEqualTo(published);
        assertThat(count(db, "SELECT count(*) FROM feed_health_history WHERE feed_id = ?", f.feed())).isEqualTo(3);
    }

    /**
     * In as_of order: a stale episode (flagged as of the 13th) with a server outage inside it (a
     * failed check on the 14th after that night's collection; the 15th's collection heals it), and
     * the recovery as of the 17th.
     */
    static List<CanopyEvent> staleEpisodeWithServerOutage(Fleet f) {
        List<CanopyEvent> events = new ArrayList<>(nights(f, march(3), march(14), march(9)));
        events.add(HealthTestSupport.checkFailed(f, march(14), 10, FailureKind.UNREACHABLE));
        events.addAll(nights(f, march(15), march(16), march(9)));
        events.add(HealthTestSupport.checkPassed(f, march(16), 3));
        events.add(night(f, march(17), march(16)));
        return events;
    }

    @Test
    void theSameEventsInOrderReversedOrShuffledEndInTheSameHealthAndTheSameSingleBackfill() {
        Fleet inOrder = Fleet.random("UTC");
        Fleet reversed = Fleet.random("UTC");
        Fleet shuffled = Fleet.random("UTC");
        sendAndAwait(db, staleEpisodeWithServerOutage(inOrder).toArray(CanopyEvent[]::new));
        List<CanopyEvent> backwards = new ArrayList<>(staleEpisodeWithServerOutage(reversed));
        java.util.Collections.reverse(backwards);
        sendAndAwait(db, backwards.toArray(CanopyEvent[]::new));
        List<CanopyEvent> mixed = new ArrayList<>(staleEpisodeWithServerOutage(shuffled));
        java.util.Collections.shuffle(mixed, new java.util.Random(20260317));
        sendAndAwait(db, mixed.toArray(CanopyEvent[]::new));

        String state = "SELECT status || '/' || coalesce(reason, '-') || '/' || since || '/' || last_new_data_day || '/'"
                + " || coalesce(episode_start::text, '-') || '/' || consecutive_failures FROM feed_health WHERE feed_id = ?";
        String expected = HealthTestSupport.text(db, state, inOrder.feed());
        assertThat(expected).isEqualTo("HEALTHY/-/2026-03-17/2026-03-16/-/0");
        for (Fleet f : List.of(reversed, shuffled)) {
            assertThat(HealthTestSupport.text(db, state, f.feed())).isEqualTo(expected);
            assertThat(HealthTestSupport.text(db, "SELECT status FROM server_health WHERE server_id = ?", f.server()))
                    .isEqualTo("HEALTHY");
            assertThat(ofType(awaitPublished(db, f.feed()), BackfillRequested.class)).singleElement()
                    .satisfies(b -> assertThat(b.window()).isEqualTo(DateWindow.of(march(10), march(17))));
        }
        assertThat(ofType(awaitPublished(db, inOrder.feed()), FeedHealthChanged.class))
                .extracting(c -> c.reason() == null ? "healthy" : c.reason().name())
                .containsExactly("STALE_DATA", "SERVER_UNHEALTHY", "STALE_DATA", "healthy");
    }

    @Test
    void aFeedThatStopsReceivingEventsGoesStaleOnTheSweepWhenItsDealersTodayMovesOn() {
        Fleet f = Fleet.random("America/Denver");
        Fleet sibling = f.anotherFeedOnTheSameServer();
        // Last data Friday 6th (Denver); the sibling keeps being collected and moves the dealer's today on.
        sendAndAwait(db, night(f, march(7), march(6).atTime(18, 0).atZone(java.time.ZoneId.of("America/Denver")).toInstant()));
        sendAndAwait(db, nights(sibling, march(7), march(11), march(11)).toArray(CanopyEvent[]::new));
        sweep.sweep();
        assertThat(feedStatus(db, f.feed())).as("Friday 18:00 is stale from Wednesday 18:00").isEqualTo("HEALTHY");

        sendAndAwait(db, night(sibling, march(12), march(11)));
        sweep.sweep();
        assertThat(feedStatus(db, f.feed())).isEqualTo("UNHEALTHY/STALE_DATA");
        assertThat(feedStatus(db, sibling.feed())).isEqualTo("HEALTHY");

        sweep.sweep();
        assertThat(ofType(awaitPublished(db, f.feed()), FeedHealthChanged.class)).as("one change, however often judged")
                .singleElement().satisfies(c -> assertThat(c.asOf()).isEqualTo(march(12)));
    }

    @Test
    void threeFailedNightsMakeAFeedFailingAndDepositsCountAsNewData() {
        Fleet f = Fleet.random("UTC");
        sendAndAwait(db, night(f, march(2), march(1)), deposit(f, march(2), 250, march(3)));
        sendAndAwait(db, failedNight(f, march(4), FailureKind.VENDOR_ERROR), failedNight(f, march(5), FailureKind.NOT_FOUND));
        assertThat(feedStatus(db, f.feed())).isEqualTo("HEALTHY");

        sendAndAwait(db, failedNight(f, march(6), FailureKind.VENDOR_ERROR));
        assertThat(feedStatus(db, f.feed())).isEqualTo("UNHEALTHY/COLLECTION_FAILING");
        assertThat(HealthTestSupport.day(db, "SELECT last_new_data_day FROM feed_health WHERE feed_id = ?", f.feed())).as("the deposit's service day").isEqualTo(march(2));
    }

    /**
     * Issue #16 §3: only a night moves a dealer's business today (service-kit's BusinessTime). A
     * forged far-future deposit and a manual collection dated ahead leave it where the last night put
     * it, so they age no feed of the dealer (nor, per dealer, of anyone else).
     */
    @Test
    void aFarFutureDepositOrManualOutcomeDoesNotMoveTheDealersBusinessToday() {
        Fleet f = Fleet.random("UTC");
        Fleet other = Fleet.random("UTC");
        sendAndAwait(db, night(f, march(2), march(1)), night(other, march(2), march(1)));
        CollectionSucceeded nightly = night(f, LocalDate.of(2999, 1, 2), march(1));
        CollectionSucceeded manual = new CollectionSucceeded(UUID.randomUUID(), nightly.dealerId(), nightly.accountId(),
                nightly.feedId(), nightly.serverId(), nightly.vendor(), nightly.window(),
                io.canopy.contracts.events.CollectionPurpose.MANUAL, nightly.asOf(), 1, 0, 1, nightly.newestReadingTime(),
                null, 0, Map.of(), nightly.completedAt(), "UTC");
        sendAndAwait(db, deposit(f, march(1), 100, LocalDate.of(2999, 12, 31)), manual);

        assertThat(HealthTestSupport.day(db, "SELECT today FROM dealer_business_day WHERE dealer_id = ?", f.dealer()))
                .isEqualTo(march(2));
        assertThat(HealthTestSupport.day(db, "SELECT today FROM dealer_business_day WHERE dealer_id = ?", other.dealer()))
                .isEqualTo(march(2));
        sweep.sweep();
        assertThat(feedStatus(db, f.feed())).isEqualTo("HEALTHY");
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheConsumerKeepsGoing() {
        Fleet f = Fleet.random("UTC");
        sendRaw(Topics.COLLECTION_OUTCOMES, f.feed().toString(), "{not json".getBytes(),
                Map.of(CloudEventHeaders.TYPE, EventType.of(night(f, march(3), march(2))).ceType(), CloudEventHeaders.ID,
                        UUID.randomUUID().toString()));
        sendRaw(Topics.COLLECTION_OUTCOMES, f.feed().toString(), "{}".getBytes(), Map.of());

        sendAndAwait(db, night(f, march(3), march(2)));
        assertThat(feedStatus(db, f.feed())).isEqualTo("HEALTHY");
    }
}
