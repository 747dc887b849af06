package io.canopy.health.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.BusinessCalendar;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.events.ServerCheckFailed;
import io.canopy.contracts.events.ServerHealthChanged;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;

/** What health publishes: only real changes, one backfill per episode, backfill before "healthy". */
class HealthRulesTest {

    final HealthRules rules = new HealthRules(new HealthPolicy(BusinessCalendar.weekendsAnd(Set.of()), 3, 3));
    final FeedKey feed = new FeedKey(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    final Instant now = Instant.parse("2026-03-20T12:00:00Z");

    static LocalDate march(int day) {
        return FeedTimelineTest.march(day);
    }

    FeedDecision decide(List<FeedNight> nights, LocalDate today, FeedVerdict published, Set<UUID> requested) {
        return rules.decideFeed(feed, ZoneOffset.UTC, nights, ServerHistory.unknown(), today, published, requested, now)
                .orElseThrow();
    }

    @Test
    void aFeedGoingStalePublishesOneChangeAndThenNothingWhileItStaysStale() {
        List<FeedNight> nights = FeedTimelineTest.nights(march(2), march(13), march(9));

        FeedDecision flagged = decide(nights, march(13), FeedVerdict.HEALTHY, Set.of());
        assertThat(flagged.healthChange()).get().satisfies(c -> {
            assertThat(c.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(c.reason()).isEqualTo(FeedHealthReason.STALE_DATA);
            assertThat(c.lastNewDataDate()).isEqualTo(march(9));
            assertThat(c.asOf()).isEqualTo(march(13));
            assertThat(c.serverId()).isEqualTo(feed.serverId());
        });
        assertThat(flagged.backfills()).isEmpty();

        FeedVerdict published = FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA);
        FeedDecision nextNight = decide(FeedTimelineTest.nights(march(2), march(16), march(9)), march(16), published, Set.of());
        assertThat(nextNight.healthChange()).as("flapping guard: same state, nothing published").isEmpty();
    }

    @Test
    void recoveryPublishesExactlyOneBackfillThenHealthy() {
        List<FeedNight> nights = new ArrayList<>(FeedTimelineTest.nights(march(2), march(16), march(9)));
        nights.add(FeedTimelineTest.readingNight(march(17), march(16)));
        FeedVerdict published = FeedVerdict.unhealthy(FeedHealthReason.STALE_DATA);

        FeedDecision recovered = decide(nights, march(17), published, Set.of());

        assertThat(recovered.backfills()).singleElement().satisfies(b -> {
            assertThat(b.window()).isEqualTo(DateWindow.of(march(10), march(17)));
            assertThat(b.backfillId()).isEqualTo(DeterministicIds.backfill(feed.feedId(), march(10)));
            assertThat(b.asOf()).isEqualTo(march(17));
            assertThat(b.feedId()).isEqualTo(feed.feedId());
        });
        assertThat(recovered.healthChange()).get().extracting(FeedHealthChanged::status).isEqualTo(HealthStatus.HEALTHY);

        Set<UUID> requested = new HashSet<>();
        recovered.backfills().forEach(b -> requested.add(b.backfillId()));
        FeedDecision again = decide(nights, march(18), FeedVerdict.HEALTHY, requested);
        assertThat(again.backfills()).as("never twice for the same episode").isEmpty();
        assertThat(again.healthChange()).isEmpty();
    }

    @Test
    void aFeedKnownOnlyFromDepositsPublishesNothingUntilItsServerIsKnown() {
        FeedKey withoutServer = new FeedKey(feed.feedId(), feed.dealerId(), feed.accountId(), null);
        FeedDecision d = rules.decideFeed(withoutServer, ZoneOffset.UTC, List.of(FeedNight.dataDay(march(2), march(1))),
                ServerHistory.unknown(), march(20), FeedVerdict.HEALTHY, Set.of(), now).orElseThrow();

        assertThat(d.assessment().verdict().status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(d.healthChange()).isEmpty();
        assertThat(d.backfills()).isEmpty();
    }

    @Test
    void aServerFailureIsPublishedOnceWithItsKindAndARecoveryOnce() {
        UUID server = feed.serverId();
        ServerHistory failed = ServerHistory.of(List.of(ServerSignal.passed(march(2), Instant.parse("2026-03-02T02:00:00Z")),
                ServerSignal.failed(march(3), Instant.parse("2026-03-03T02:00:00Z"), FailureKind.AUTH_REJECTED, "401")));

        ServerHealthChanged down = HealthRules.decideServer(feed.dealerId(), server, failed, HealthStatus.HEALTHY, null)
                .orElseThrow();
        assertThat(down.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(down.reason()).isEqualTo(FailureKind.AUTH_REJECTED);
        assertThat(down.asOf()).isEqualTo(march(3));
        assertThat(down.changedAt()).isEqualTo(Instant.parse("2026-03-03T02:00:00Z"));
        assertThat(HealthRules.decideServer(feed.dealerId(), server, failed, HealthStatus.UNHEALTHY, FailureKind.AUTH_REJECTED))
                .isEmpty();

        ServerHistory back = ServerHistory.of(List.of(
                ServerSignal.failed(march(3), Instant.parse("2026-03-03T02:00:00Z"), FailureKind.AUTH_REJECTED, "401"),
                ServerSignal.passed(march(3), Instant.parse("2026-03-03T02:30:00Z"))));
        assertThat(HealthRules.decideServer(feed.dealerId(), server, back, HealthStatus.UNHEALTHY, FailureKind.AUTH_REJECTED))
                .get().satisfies(up -> {
                    assertThat(up.status()).isEqualTo(HealthStatus.HEALTHY);
                    assertThat(up.reason()).isNull();
                    assertThat(up.detail()).isNull();
                });
    }

    @Test
    void onAnExactTieTheFailureDecides() {
        Instant same = Instant.parse("2026-03-03T02:00:00Z");
        ServerHistory tie = ServerHistory.of(List.of(ServerSignal.passed(march(3), same),
                ServerSignal.failed(march(3), same, FailureKind.UNREACHABLE, "refused")));
        assertThat(tie.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(ServerHistory.of(List.of(ServerSignal.failed(march(3), same, FailureKind.UNREACHABLE, "refused"),
                ServerSignal.passed(march(3), same))).status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void eventsAreReadAsNightsAndServerSignals() {
        UUID request = UUID.randomUUID();
        CollectionFailed unreachable = new CollectionFailed(request, feed.dealerId(), feed.accountId(), feed.feedId(),
                feed.serverId(), VendorType.MPS_MONITOR, DateWindow.day(march(2)), CollectionPurpose.NIGHTLY, march(3),
                FailureKind.UNREACHABLE, "refused", null, 3, now, "America/Denver");
        Observation o = Observation.of(unreachable).orElseThrow();
        assertThat(o.night().failed()).as("a server-wide failure is not the feed's").isFalse();
        assertThat(o.serverSignal()).get().extracting(ServerSignal::healthy).isEqualTo(false);
        assertThat(o.timeZone()).isEqualTo("America/Denver");

        CollectionFailed vendorError = new CollectionFailed(request, feed.dealerId(), feed.accountId(), feed.feedId(),
                feed.serverId(), VendorType.MPS_MONITOR, DateWindow.day(march(2)), CollectionPurpose.NIGHTLY, march(3),
                FailureKind.VENDOR_ERROR, "500", 500, 3, now, null);
        Observation v = Observation.of(vendorError).orElseThrow();
        assertThat(v.night().failed()).isTrue();
        assertThat(v.serverSignal()).isEmpty();

        CollectionSucceeded oneStopDay = new CollectionSucceeded(request, feed.dealerId(), feed.accountId(), feed.feedId(),
                feed.serverId(), VendorType.ONESTOP, DateWindow.day(march(2)), CollectionPurpose.NIGHTLY, march(3), 0, 1, 4,
                null, null, 1, java.util.Map.of(), now, "UTC");
        assertThat(Observation.of(oneStopDay).orElseThrow().night().newestDataDay()).isEqualTo(march(2));
        CollectionSucceeded oneStopWeek = new CollectionSucceeded(request, feed.dealerId(), feed.accountId(), feed.feedId(),
                feed.serverId(), VendorType.ONESTOP, DateWindow.of(march(2), march(9)), CollectionPurpose.BACKFILL, march(9), 0,
                7, 4, null, null, 1, java.util.Map.of(), now, "UTC");
        assertThat(Observation.of(oneStopWeek).orElseThrow().night().newestDataDay())
                .as("an outcome naming no day: which day of a long window had volume is told by its deposits").isNull();
        CollectionSucceeded weekNamingItsNewestDay = new CollectionSucceeded(request, feed.dealerId(), feed.accountId(),
                feed.feedId(), feed.serverId(), VendorType.PRINTANISTA, DateWindow.of(march(2), march(9)),
                CollectionPurpose.BACKFILL, march(9), 0, 7, 4, null, march(6), 3, java.util.Map.of(), now, "UTC");
        assertThat(Observation.of(weekNamingItsNewestDay).orElseThrow().night().newestDataDay())
                .as("the collector's newestDataDate, whatever the vendor").isEqualTo(march(6));

        DepositRecorded deposit = new DepositRecorded(UUID.randomUUID(), feed.dealerId(), feed.accountId(), feed.feedId(),
                march(5), 120, 120, DepositKind.REGULAR, request, march(6), now);
        Observation d = Observation.of(deposit).orElseThrow();
        assertThat(d.night().newestDataDay()).isEqualTo(march(5));
        assertThat(d.feed().serverId()).isNull();

        ServerCheckFailed check = new ServerCheckFailed(request, feed.dealerId(), feed.serverId(), VendorType.PRINTANISTA,
                march(6), FailureKind.VENDOR_ERROR, "503", 503, now);
        Observation c = Observation.of(check).orElseThrow();
        assertThat(c.feedKey()).isEmpty();
        assertThat(c.serverSignal()).get().extracting(ServerSignal::kind).isEqualTo(FailureKind.VENDOR_ERROR);

        assertThat(Observation.of(new BackfillRequested(UUID.randomUUID(), feed.dealerId(), feed.accountId(), feed.feedId(),
                feed.serverId(), DateWindow.day(march(2)), march(3), now))).isEmpty();
    }
}
