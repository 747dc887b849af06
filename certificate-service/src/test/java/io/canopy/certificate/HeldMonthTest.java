package io.canopy.certificate;

import static io.canopy.certificate.CertificateTestSupport.awaitStored;
import static io.canopy.certificate.CertificateTestSupport.awaitToday;
import static io.canopy.certificate.CertificateTestSupport.collected;
import static io.canopy.certificate.CertificateTestSupport.count;
import static io.canopy.certificate.CertificateTestSupport.freshYear;
import static io.canopy.certificate.CertificateTestSupport.night;
import static io.canopy.certificate.CertificateTestSupport.periodStatus;
import static io.canopy.certificate.CertificateTestSupport.sendDepositsOnly;
import static io.canopy.certificate.CertificateTestSupport.sendEvent;
import static io.canopy.certificate.CertificateTestSupport.single;
import static io.canopy.localstack.testing.Eventually.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.BusinessCalendar;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #16 §2 on the real broker and database: a month waits for a stale feed of the account
 * (outcomes and health events in through Kafka), is visible as HELD, and closes complete after the
 * backfill — or, for an agent that never recovers, after the maximum hold, with later pages carried.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "certificate"))
class HeldMonthTest {

    @Inject
    DataSource db;

    private final UUID dealer = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();
    private final UUID feed = UUID.randomUUID();
    private final UUID server = UUID.randomUUID();

    @Test
    void aStaleAgentAcrossMonthEndHoldsTheMonthAndTheCertificateIsCompleteAfterTheBackfill() {
        int y = freshYear(db);
        YearMonth january = YearMonth.of(y, 1);
        // Nights of 20–26 January: the agent uploads until 25 January, then stops.
        List<DepositRecorded> counted = new ArrayList<>();
        for (int day = 20; day <= 26; day++) {
            counted.add(nightWithPages(LocalDate.of(y, 1, day), LocalDate.of(y, 1, day - 1), 1_000));
        }
        // Health: no new data since 25 January, stale from the run of 29 January.
        sendEvent(Topics.HEALTH, health(HealthStatus.UNHEALTHY, FeedHealthReason.STALE_DATA, LocalDate.of(y, 1, 25),
                LocalDate.of(y, 1, 29)));
        // Health flags a stale agent on the third business day without data, days before the month is
        // due; the outcomes and health topics are consumed independently, so let the flag land first
        // (as it would in real time) before the nights that make the month due.
        awaitStalenessRecorded();
        // The nights go on (the server answers, the agent has nothing new) well past 4 February.
        for (LocalDate d = LocalDate.of(y, 1, 27); !d.isAfter(LocalDate.of(y, 2, 6)); d = d.plusDays(1)) {
            sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, d));
        }
        awaitToday(db, dealer, LocalDate.of(y, 2, 6));
        await("January held", () -> heldSince(january) != null);

        assertThat(periodStatus(db, account, january)).isEqualTo("OPEN");
        assertThat(count(db, "SELECT count(*) FROM certificate WHERE account_id = ?", account)).as("no certificate while stale")
                .isZero();
        given().header("Authorization", DealerTokens.bearer(dealer)).queryParam("period", january.toString())
                .when().get("/v1/certificates/periods").then().statusCode(200)
                .body("data[0].account_id", equalTo(account.toString())).body("data[0].status", equalTo("HELD"))
                .body("data[0].hold.feed_id", equalTo(feed.toString())).body("data[0].hold.reason", equalTo("stale"));
        given().header("Authorization", DealerTokens.bearer(UUID.randomUUID())).queryParam("period", january.toString())
                .when().get("/v1/certificates/periods").then().statusCode(200).body("data.size()", equalTo(0));

        // 7 February: the agent uploads again. Health asks for the episode again, then says healthy;
        // registry's backfill (as_of = business today) brings 26–31 January.
        LocalDate recovery = LocalDate.of(y, 2, 7);
        sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, recovery));
        DateWindow episode = DateWindow.of(LocalDate.of(y, 1, 26), recovery);
        sendEvent(Topics.HEALTH, new BackfillRequested(DeterministicIds.backfill(feed, episode.from()), dealer, account, feed,
                server, episode, recovery, recovery.atTime(3, 0).toInstant(ZoneOffset.UTC)));
        sendEvent(Topics.HEALTH, health(HealthStatus.HEALTHY, null, LocalDate.of(y, 2, 6), recovery));
        for (int day = 26; day <= 31; day++) {
            DepositRecorded late = deposit(LocalDate.of(y, 1, day), 500, recovery);
            sendDepositsOnly(late);
            counted.add(late);
        }
        awaitStored(db, counted.toArray(DepositRecorded[]::new));
        await("the backfill to be awaited", () -> count(db,
                "SELECT count(*) FROM feed_state WHERE feed_id = ? AND backfill_id IS NOT NULL AND stale_since IS NULL", feed) == 1);
        sendEvent(Topics.COLLECTION_OUTCOMES, collected(dealer, account, feed, episode, CollectionPurpose.BACKFILL, recovery));
        await("the hold to end: January closes with the next night", () -> closeDate(january) != null);
        assertThat(closeDate(january)).isEqualTo(recovery.plusDays(1));
        assertThat(periodStatus(db, account, january)).isEqualTo("OPEN");

        sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, recovery.plusDays(1)));
        UUID certificate = DeterministicIds.certificate(account, january);
        await("January certified", () -> count(db, "SELECT count(*) FROM certificate WHERE certificate_id = ?",
                certificate) == 1);
        assertThat(certificateLong(certificate, "pages")).as("7 nights of 1,000 and the backfill's 6 × 500")
                .isEqualTo(7 * 1_000 + 6 * 500);
        assertThat(certificateLong(certificate, "prior_period_pages")).isZero();
        assertThat(certificateLong(certificate, "deposit_count")).isEqualTo(counted.size());
    }

    @Test
    void anAgentThatNeverRecoversHoldsTheMonthOnlyUpToTheMaximumThenLatePagesCarryIntoTheNextCertificate() {
        int y = freshYear(db);
        YearMonth january = YearMonth.of(y, 1);
        YearMonth february = YearMonth.of(y, 2);
        DepositRecorded jan20 = nightWithPages(LocalDate.of(y, 1, 21), LocalDate.of(y, 1, 20), 4_000);
        awaitStored(db, jan20);
        sendEvent(Topics.HEALTH, health(HealthStatus.UNHEALTHY, FeedHealthReason.STALE_DATA, LocalDate.of(y, 1, 20),
                LocalDate.of(y, 1, 24)));
        // Health flags a stale agent on the third business day without data, days before the month is
        // due; the outcomes and health topics are consumed independently, so let the flag land first
        // (as it would in real time) before the nights that make the month due.
        awaitStalenessRecorded();
        LocalDate nominal = LocalDate.of(y, 2, 4);
        LocalDate lastHeldDay = BusinessCalendar.weekendsAnd(Set.of()).plusBusinessDays(nominal, 9);
        for (LocalDate d = LocalDate.of(y, 1, 22); !d.isAfter(lastHeldDay); d = d.plusDays(1)) {
            sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, d));
        }
        awaitToday(db, dealer, lastHeldDay);
        await("January held", () -> heldSince(january) != null);
        assertThat(periodStatus(db, account, january)).as("9 business days past its close date: still held").isEqualTo("OPEN");

        // The 10th business day: the hold runs out and January closes with what it has.
        LocalDate exhausted = BusinessCalendar.weekendsAnd(Set.of()).nextBusinessDay(lastHeldDay);
        for (LocalDate d = lastHeldDay.plusDays(1); !d.isAfter(exhausted); d = d.plusDays(1)) {
            sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, d));
        }
        UUID janCertificate = DeterministicIds.certificate(account, january);
        await("January certified after the maximum hold", () -> count(db,
                "SELECT count(*) FROM certificate WHERE certificate_id = ?", janCertificate) == 1);
        assertThat(certificateLong(janCertificate, "total_pages")).isEqualTo(4_000);

        // The agent's January pages arrive later: they go on February's prior-period line.
        DepositRecorded lateJan = deposit(LocalDate.of(y, 1, 27), 900, exhausted.plusDays(1));
        sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, exhausted.plusDays(1)));
        sendDepositsOnly(lateJan);
        awaitStored(db, lateJan);
        LocalDate countedIn = single(db, "SELECT counted_in FROM deposit WHERE deposit_id = ?",
                rs -> rs.getDate(1).toLocalDate(), lateJan.depositId());
        assertThat(countedIn).isEqualTo(february.atDay(1));
        sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, LocalDate.of(y, 3, 2)));
        awaitToday(db, dealer, LocalDate.of(y, 3, 2));
        CertificateTestSupport.adminClose(february).statusCode(200);
        UUID febCertificate = DeterministicIds.certificate(account, february);
        assertThat(certificateLong(febCertificate, "prior_period_pages")).isEqualTo(900);
    }

    /** A night that collected {@code serviceDate} with pages: its outcome, then its deposit, stored. */
    private DepositRecorded nightWithPages(LocalDate asOf, LocalDate serviceDate, long pages) {
        sendEvent(Topics.COLLECTION_OUTCOMES, night(dealer, account, feed, asOf));
        awaitToday(db, dealer, asOf);
        DepositRecorded d = deposit(serviceDate, pages, asOf);
        sendDepositsOnly(d);
        return d;
    }

    private DepositRecorded deposit(LocalDate serviceDate, long pages, LocalDate asOf) {
        UUID request = UUID.randomUUID();
        return new DepositRecorded(DeterministicIds.deposit(feed, serviceDate, request), dealer, account, feed, serviceDate,
                pages, pages, DepositKind.REGULAR, request, asOf, asOf.atTime(4, 0).toInstant(ZoneOffset.UTC));
    }

    private FeedHealthChanged health(HealthStatus status, FeedHealthReason reason, LocalDate lastNewData, LocalDate asOf) {
        Instant at = asOf.atTime(3, 30).toInstant(ZoneOffset.UTC);
        return new FeedHealthChanged(dealer, account, feed, server, status, reason, lastNewData, asOf, at);
    }

    private LocalDate heldSince(YearMonth month) {
        return single(db, "SELECT held_since FROM account_period WHERE account_id = ? AND period = ?",
                rs -> rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate(), account, month.atDay(1));
    }

    private LocalDate closeDate(YearMonth month) {
        return single(db, "SELECT close_date FROM account_period WHERE account_id = ? AND period = ?",
                rs -> rs.getDate(1) == null ? null : rs.getDate(1).toLocalDate(), account, month.atDay(1));
    }

    private long certificateLong(UUID certificateId, String column) {
        Long value = single(db, "SELECT " + column + " FROM certificate WHERE certificate_id = ?", rs -> rs.getLong(1),
                certificateId);
        assertThat(value).as("certificate %s exists", certificateId).isNotNull();
        return value;
    }

    private void awaitStalenessRecorded() {
        await("staleness episode recorded", () -> count(db,
                "SELECT count(*) FROM feed_state WHERE feed_id = ? AND stale_since IS NOT NULL", feed) == 1);
    }
}
