package io.canopy.health.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.BusinessCalendar;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthReason;

/** A feed's verdict and episodes, replayed in business time. March 2026: the 2nd is a Monday. */
class FeedTimelineTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    final FeedTimeline timeline = new FeedTimeline(new HealthPolicy(BusinessCalendar.weekendsAnd(Set.of()), 3, 3));

    static LocalDate march(int day) {
        return LocalDate.of(2026, 3, day);
    }

    /** The nightly run as of {@code asOf} reads the counters of 23:00 the evening before. */
    static FeedNight readingNight(LocalDate asOf, LocalDate readingDay) {
        return FeedNight.succeeded(asOf, readingDay.atTime(23, 0).atZone(UTC).toInstant(), null);
    }

    /** Every night from {@code from} to {@code to} inclusive, the agent frozen after {@code lastReadingDay}. */
    static List<FeedNight> nights(LocalDate from, LocalDate to, LocalDate lastReadingDay) {
        List<FeedNight> nights = new ArrayList<>();
        for (LocalDate asOf = from; !asOf.isAfter(to); asOf = asOf.plusDays(1)) {
            LocalDate previous = asOf.minusDays(1);
            nights.add(readingNight(asOf, previous.isAfter(lastReadingDay) ? lastReadingDay : previous));
        }
        return nights;
    }

    @Test
    void aFeedWithFreshReadingsEveryNightStaysHealthy() {
        FeedAssessment a = timeline.assess(nights(march(2), march(31), march(31)), ServerHistory.unknown(), UTC, march(31));

        assertThat(a.verdict()).isEqualTo(FeedVerdict.HEALTHY);
        assertThat(a.episodes()).isEmpty();
        assertThat(a.lastNewDataDay()).isEqualTo(march(30));
    }

    @Test
    void aFrozenAgentIsStaleAfterThreeBusinessDaysWithoutNewData() {
        // Last reading Monday 9th 23:00; Tue, Wed, Thu bring nothing new.
        List<FeedNight> nights = nights(march(2), march(13), march(9));

        FeedAssessment thursday = timeline.assess(nights.subList(0, 11), ServerHistory.unknown(), UTC, march(12));
        assertThat(thursday.verdict()).as("2 business days and an hour").isEqualTo(FeedVerdict.HEALTHY);

        FeedAssessment friday = timeline.assess(nights, ServerHistory.unknown(), UTC, march(13));
        assertThat(friday.verdict()).isEqualTo(FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA));
        assertThat(friday.since()).isEqualTo(march(13));
        assertThat(friday.openEpisode()).get().satisfies(e -> {
            assertThat(e.start()).as("the business day after the last day with new data").isEqualTo(march(10));
            assertThat(e.flaggedOn()).isEqualTo(march(13));
        });
    }

    @Test
    void recoveryAsksForOneBackfillFromTheEpisodeStartToToday() {
        List<FeedNight> nights = new ArrayList<>(nights(march(2), march(16), march(9)));
        nights.add(readingNight(march(17), march(16))); // the agent is back

        FeedAssessment a = timeline.assess(nights, ServerHistory.unknown(), UTC, march(17));

        assertThat(a.verdict()).isEqualTo(FeedVerdict.HEALTHY);
        assertThat(a.since()).isEqualTo(march(17));
        assertThat(a.episodes()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FeedHealthReason.STALE_DATA);
            assertThat(e.recoveredOn()).isEqualTo(march(17));
            assertThat(e.backfillWindow()).contains(DateWindow.of(march(10), march(17)));
        });
    }

    @Test
    void aStaleAgentsLateUploadCountsOnlyWhenItArrives() {
        // The silent days' data arrives late (as of the 17th) with its original reading times:
        // it was not known during the episode, so the episode stands and its days are backfilled.
        List<FeedNight> nights = new ArrayList<>(nights(march(2), march(16), march(9)));
        nights.add(FeedNight.succeeded(march(17), march(12).atTime(23, 0).atZone(UTC).toInstant(), null));

        FeedAssessment a = timeline.assess(nights, ServerHistory.unknown(), UTC, march(17));

        assertThat(a.episodes()).singleElement().satisfies(
                e -> assertThat(e.backfillWindow()).contains(DateWindow.of(march(10), march(17))));
        assertThat(a.verdict()).as("data through the 12th is not stale as of the 17th").isEqualTo(FeedVerdict.HEALTHY);
    }

    @Test
    void aFeedThatIsNeverCollectedAgainGoesStaleWhenTodayMovesOn() {
        FeedAssessment a = timeline.assess(nights(march(2), march(6), march(6)), ServerHistory.unknown(), UTC, march(12));

        assertThat(a.verdict()).isEqualTo(FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA));
        assertThat(a.openEpisode()).get().extracting(Episode::start).isEqualTo(march(6));
    }

    @Test
    void aFeedThatNeverHadDataIsMeasuredFromItsFirstNight() {
        List<FeedNight> nights = List.of(FeedNight.succeeded(march(2), null, null), FeedNight.succeeded(march(4), null, null));

        assertThat(timeline.assess(nights, ServerHistory.unknown(), UTC, march(4)).verdict()).isEqualTo(FeedVerdict.HEALTHY);
        FeedAssessment a = timeline.assess(nights, ServerHistory.unknown(), UTC, march(5));
        assertThat(a.verdict()).isEqualTo(FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA));
        assertThat(a.lastNewDataDay()).isNull();
        assertThat(a.openEpisode()).get().extracting(Episode::start).isEqualTo(march(2));
    }

    @Test
    void threeConsecutiveFailedNightsMakeTheFeedFailingAndASuccessEndsIt() {
        List<FeedNight> nights = new ArrayList<>(nights(march(2), march(3), march(2)));
        nights.add(FeedNight.failed(march(4), true));
        nights.add(FeedNight.failed(march(5), true));
        assertThat(timeline.assess(nights, ServerHistory.unknown(), UTC, march(5)).verdict()).isEqualTo(FeedVerdict.HEALTHY);

        nights.add(FeedNight.failed(march(6), true));
        FeedAssessment failing = timeline.assess(nights, ServerHistory.unknown(), UTC, march(6));
        assertThat(failing.verdict()).isEqualTo(FeedVerdict.unhealthy(FeedHealthReason.COLLECTION_FAILING));
        assertThat(failing.consecutiveFailures()).isEqualTo(3);

        nights.add(readingNight(march(7), march(6)));
        FeedAssessment recovered = timeline.assess(nights, ServerHistory.unknown(), UTC, march(7));
        assertThat(recovered.verdict()).isEqualTo(FeedVerdict.HEALTHY);
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.episodes()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(FeedHealthReason.COLLECTION_FAILING);
            assertThat(e.backfillWindow()).contains(DateWindow.of(march(3), march(7)));
        });
    }

    @Test
    void aSuccessfulNightBetweenFailuresResetsTheCount() {
        List<FeedNight> nights = List.of(FeedNight.failed(march(2), true), FeedNight.failed(march(3), true),
                readingNight(march(4), march(3)), FeedNight.failed(march(5), true), FeedNight.failed(march(6), true));

        FeedAssessment a = timeline.assess(nights, ServerHistory.unknown(), UTC, march(6));
        assertThat(a.verdict()).isEqualTo(FeedVerdict.HEALTHY);
        assertThat(a.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void anUnhealthyServerIsTheOnlyReasonItsFeedsReport() {
        // The server breaks as of the 4th; its feeds are paused, so no new data comes for a week.
        ServerHistory server = ServerHistory.of(List.of(ServerSignal.passed(march(3), Instant.parse("2026-03-03T02:00:00Z")),
                ServerSignal.failed(march(4), Instant.parse("2026-03-04T02:00:00Z"), FailureKind.UNREACHABLE, "refused")));
        List<FeedNight> nights = new ArrayList<>(nights(march(2), march(3), march(3)));
        nights.add(FeedNight.failed(march(4), false));

        FeedAssessment a = timeline.assess(nights, server, UTC, march(13));

        assertThat(a.verdict()).isEqualTo(FeedVerdict.unhealthy(FeedHealthReason.SERVER_UNHEALTHY));
        assertThat(a.episodes()).as("one alarm, no STALE_DATA or COLLECTION_FAILING on top").singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(FeedHealthReason.SERVER_UNHEALTHY));
        assertThat(a.consecutiveFailures()).as("server-wide failures are the server's").isZero();
    }

    @Test
    void whenTheServerRecoversAStaleFeedStaysInTheSameEpisodeUntilDataComes() {
        ServerHistory server = ServerHistory.of(List.of(
                ServerSignal.failed(march(4), Instant.parse("2026-03-04T02:00:00Z"), FailureKind.AUTH_REJECTED, "401"),
                ServerSignal.passed(march(12), Instant.parse("2026-03-12T02:30:00Z"))));
        List<FeedNight> nights = new ArrayList<>(nights(march(2), march(3), march(3)));
        nights.add(FeedNight.succeeded(march(12), null, null));

        FeedAssessment stale = timeline.assess(nights, server, UTC, march(12));
        assertThat(stale.verdict()).isEqualTo(FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA));
        assertThat(stale.episodes()).singleElement().satisfies(e -> assertThat(e.open()).isTrue());

        nights.add(readingNight(march(13), march(12)));
        FeedAssessment back = timeline.assess(nights, server, UTC, march(13));
        assertThat(back.verdict()).isEqualTo(FeedVerdict.HEALTHY);
        assertThat(back.episodes()).singleElement()
                .satisfies(e -> assertThat(e.backfillWindow()).contains(DateWindow.of(march(3), march(13))));
    }

    @Test
    void aShortServerOutageEndsWithoutBackfillWhenNothingWasMissed() {
        ServerHistory server = ServerHistory.of(List.of(
                ServerSignal.failed(march(4), Instant.parse("2026-03-04T02:00:00Z"), FailureKind.UNREACHABLE, "timeout"),
                ServerSignal.passed(march(5), Instant.parse("2026-03-05T01:00:00Z"))));
        List<FeedNight> nights = nights(march(2), march(3), march(3));

        FeedAssessment a = timeline.assess(nights, server, UTC, march(5));

        assertThat(a.verdict()).isEqualTo(FeedVerdict.HEALTHY);
        assertThat(a.episodes()).singleElement().satisfies(e -> {
            assertThat(e.recoveredOn()).isEqualTo(march(5));
            assertThat(e.backfillWindow()).isEmpty();
        });
    }

    @Test
    void depositsAndNewestDataDatesAreNewDataForTheirDay() {
        // Day-only signals (an outcome's newestDataDate, a deposit with pages) reach the end of their day.
        List<FeedNight> nights = List.of(FeedNight.succeeded(march(2), null, march(1)), FeedNight.dataDay(march(6), march(5)));

        FeedAssessment a = timeline.assess(nights, ServerHistory.unknown(), UTC, march(10));
        assertThat(a.lastNewDataDay()).isEqualTo(march(5));
        assertThat(a.verdict()).isEqualTo(FeedVerdict.HEALTHY);
        assertThat(timeline.assess(nights, ServerHistory.unknown(), UTC, march(11)).verdict())
                .isEqualTo(FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA));
    }

    @Test
    void aSecondEpisodeStartingOnTheSameDayStartsWhereTheFirstRecoveredSoEachHasItsOwnBackfill() {
        // Last data Tuesday 3rd 23:00. The server fails on the 5th; on the 6th it is back and a later
        // reading of the same Tuesday arrives; on the 7th the server fails again, on the 9th it is back with data.
        ServerHistory server = ServerHistory.of(List.of(
                ServerSignal.failed(march(5), Instant.parse("2026-03-05T02:00:00Z"), FailureKind.UNREACHABLE, "refused"),
                ServerSignal.passed(march(6), Instant.parse("2026-03-06T02:00:00Z")),
                ServerSignal.failed(march(7), Instant.parse("2026-03-07T02:00:00Z"), FailureKind.UNREACHABLE, "refused"),
                ServerSignal.passed(march(9), Instant.parse("2026-03-09T02:00:00Z"))));
        List<FeedNight> nights = new ArrayList<>(nights(march(3), march(4), march(3)));
        nights.add(FeedNight.succeeded(march(6), Instant.parse("2026-03-03T23:30:00Z"), null));
        nights.add(readingNight(march(9), march(8)));

        FeedAssessment a = timeline.assess(nights, server, UTC, march(9));

        assertThat(a.episodes()).hasSize(2);
        Episode first = a.episodes().get(0);
        Episode second = a.episodes().get(1);
        assertThat(first.start()).isEqualTo(march(4));
        assertThat(first.backfillWindow()).contains(DateWindow.of(march(4), march(6)));
        assertThat(second.start()).as("not the 4th again: the first backfill covered it").isEqualTo(march(6));
        assertThat(second.backfillWindow()).contains(DateWindow.of(march(6), march(9)));
        UUID feed = UUID.randomUUID();
        assertThat(second.backfillId(feed)).isNotEqualTo(first.backfillId(feed));
    }

    @Test
    void nothingIsKnownAboutAFeedWithoutNights() {
        assertThat(timeline.assess(List.of(), ServerHistory.unknown(), UTC, march(10))).isNull();
    }
}
