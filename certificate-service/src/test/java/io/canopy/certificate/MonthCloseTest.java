package io.canopy.certificate;

import static io.canopy.certificate.CertificateTestSupport.adminClose;
import static io.canopy.certificate.CertificateTestSupport.awaitCertificatesOnTopic;
import static io.canopy.certificate.CertificateTestSupport.awaitConsumed;
import static io.canopy.certificate.CertificateTestSupport.awaitStored;
import static io.canopy.certificate.CertificateTestSupport.count;
import static io.canopy.certificate.CertificateTestSupport.deposit;
import static io.canopy.certificate.CertificateTestSupport.execute;
import static io.canopy.certificate.CertificateTestSupport.freshYear;
import static io.canopy.certificate.CertificateTestSupport.periodStatus;
import static io.canopy.certificate.CertificateTestSupport.send;
import static io.canopy.certificate.CertificateTestSupport.sendRaw;
import static io.canopy.certificate.CertificateTestSupport.sendWithMessageId;
import static io.canopy.certificate.CertificateTestSupport.single;
import static io.canopy.localstack.testing.Eventually.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.certificate.service.MonthCloser;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CertificateIssued;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.EventType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Month close against the real broker and database: deposits in through Kafka, certificates out through the outbox. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "certificate"))
class MonthCloseTest {

    @Inject
    DataSource db;

    @Inject
    MonthCloser closer;

    private final UUID dealer = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();

    @Test
    void depositsAcrossAMonthBoundaryLandInTheirServiceMonthInTheAccountsTimeZone() {
        int y = freshYear(db);
        // A New York customer's 22:00 on 31 January is 03:00 UTC on 1 February: metering dates it
        // 31 January (the business day in the account's zone), and that date decides the month.
        DepositRecorded lateEvening = withRecordedAt(deposit(dealer, account, LocalDate.of(y, 1, 31), 1_000,
                LocalDate.of(y, 2, 1)), Instant.parse(y + "-02-01T03:00:00Z"));
        DepositRecorded nextMorning = deposit(dealer, account, LocalDate.of(y, 2, 1), 500, LocalDate.of(y, 2, 2));
        send(lateEvening, nextMorning);
        awaitStored(db, lateEvening, nextMorning);

        adminClose(YearMonth.of(y, 1)).statusCode(200);

        UUID january = DeterministicIds.certificate(account, YearMonth.of(y, 1));
        assertThat(certificateLong(january, "pages")).isEqualTo(1_000);
        assertThat(certificateLong(january, "prior_period_pages")).isZero();
        assertThat(periodStatus(db, account, YearMonth.of(y, 2))).isEqualTo("OPEN");
    }

    @Test
    void closingTwiceIssuesOneCertificateAndPublishesItOnce() {
        int y = freshYear(db);
        YearMonth march = YearMonth.of(y, 3);
        DepositRecorded a = deposit(dealer, account, LocalDate.of(y, 3, 10), 2_000_000, LocalDate.of(y, 3, 11),
                "Rowan Print Works");
        DepositRecorded b = deposit(dealer, account, LocalDate.of(y, 3, 31), 469_134, LocalDate.of(y, 4, 1),
                "Rowan Print Works");
        send(a, b);
        awaitStored(db, a, b);
        UUID id = DeterministicIds.certificate(account, march);

        adminClose(march).statusCode(200).body("period", equalTo(march.toString())).body("newly_issued", equalTo(1))
                .body("certificate_ids", hasItem(id.toString()));
        adminClose(march).statusCode(200).body("newly_issued", equalTo(0)).body("certificate_ids", hasItem(id.toString()));

        assertThat(count(db, "SELECT count(*) FROM certificate WHERE account_id = ?", account)).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM outbox_event WHERE event_id = ?", id.toString())).isEqualTo(1);
        List<CertificateIssued> published = awaitCertificatesOnTopic(db, account, 1);
        assertThat(published).hasSize(1);
        CertificateIssued issued = published.get(0);
        assertThat(issued.certificateId()).isEqualTo(id);
        assertThat(issued.period()).isEqualTo(march.toString());
        assertThat(issued.totalPages()).isEqualTo(2_469_134);
        assertThat(issued.trees().toPlainString()).isEqualTo("296.31");
        assertThat(issued.depositCount()).isEqualTo(2);
        assertThat(issued.asOf()).isEqualTo(LocalDate.of(y, 4, 1));
        assertThat(issued.forestryProject()).isNotBlank();
        assertThat(issued.accountName()).as("the name the deposits carried").isEqualTo("Rowan Print Works");
    }

    @Test
    void aLateDepositCountsOnTheNextCertificatesPriorPeriodLineAndCertificatesAddUpToTheLedger() {
        int y = freshYear(db);
        YearMonth january = YearMonth.of(y, 1);
        YearMonth february = YearMonth.of(y, 2);
        DepositRecorded jan10 = deposit(dealer, account, LocalDate.of(y, 1, 10), 10_000, LocalDate.of(y, 1, 11));
        DepositRecorded jan31 = deposit(dealer, account, LocalDate.of(y, 1, 31), 2_000, LocalDate.of(y, 2, 1));
        send(jan10, jan31);
        awaitStored(db, jan10, jan31);
        adminClose(january).statusCode(200).body("newly_issued", equalTo(1));

        // A backfill for 20 January arrives after January closed; February is still open.
        DepositRecorded lateJan20 = deposit(dealer, account, LocalDate.of(y, 1, 20), 1_234, LocalDate.of(y, 2, 2));
        DepositRecorded feb15 = deposit(dealer, account, LocalDate.of(y, 2, 15), 7_000, LocalDate.of(y, 2, 16));
        send(lateJan20, feb15);
        awaitStored(db, lateJan20, feb15);
        assertThat(periodStatus(db, account, february)).isEqualTo("OPEN");

        // The nightly run of 4 March (close-after-days = 3) makes February due: the scheduler closes it, no operator.
        DepositRecorded mar3 = deposit(dealer, account, LocalDate.of(y, 3, 3), 300, LocalDate.of(y, 3, 4));
        send(mar3);
        UUID feb = DeterministicIds.certificate(account, february);
        awaitCertificate("February closed by the scheduler", feb);

        assertThat(certificateLong(feb, "pages")).isEqualTo(7_000);
        assertThat(certificateLong(feb, "prior_period_pages")).isEqualTo(1_234);
        assertThat(certificateLong(feb, "total_pages")).isEqualTo(8_234);
        assertCertificatesAddUpToTheLedgerBefore(LocalDate.of(y, 3, 1), 20_234);

        List<CertificateIssued> published = awaitCertificatesOnTopic(db, account, 2);
        assertThat(published).extracting(CertificateIssued::period).containsExactly(january.toString(), february.toString());
        assertThat(published.get(1).priorPeriodPages()).isEqualTo(1_234);
        assertThat(periodStatus(db, account, YearMonth.of(y, 3))).isEqualTo("OPEN");
    }

    @Test
    void redeliveredAndRepublishedDepositsAreCountedOnce() {
        int y = freshYear(db);
        YearMonth april = YearMonth.of(y, 4);
        DepositRecorded d = deposit(dealer, account, LocalDate.of(y, 4, 5), 3_000, LocalDate.of(y, 4, 6));
        String delivery = UUID.randomUUID().toString();
        String republication = UUID.randomUUID().toString();
        String rewrite = UUID.randomUUID().toString();
        sendWithMessageId(d, delivery);
        sendWithMessageId(d, delivery); // Kafka redelivers the same message
        sendWithMessageId(d, republication); // the same deposit published again under another message id
        sendWithMessageId(withPages(d, 9_999), rewrite); // same deposit id, other content: an alarm, not a second count
        // Another account's night of 1 May ends April in business time.
        DepositRecorded may1 = deposit(dealer, UUID.randomUUID(), LocalDate.of(y, 4, 30), 10, LocalDate.of(y, 5, 1));
        send(may1);
        awaitConsumed(db, delivery, republication, rewrite, may1.depositId().toString());

        UUID id = DeterministicIds.certificate(account, april);
        adminClose(april).statusCode(200).body("certificate_ids", hasItem(id.toString()));
        adminClose(april).statusCode(200).body("newly_issued", equalTo(0));

        assertThat(certificateLong(id, "total_pages")).isEqualTo(3_000);
        assertThat(certificateLong(id, "deposit_count")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM deposit WHERE deposit_id = ?", d.depositId())).isEqualTo(1);
    }

    @Test
    void aMonthWhosePagesAddUpToZeroClosesWithoutACertificate() {
        int y = freshYear(db);
        YearMonth may = YearMonth.of(y, 5);
        DepositRecorded regular = deposit(dealer, account, LocalDate.of(y, 5, 3), 120, LocalDate.of(y, 5, 4));
        DepositRecorded correction = deposit(dealer, account, LocalDate.of(y, 5, 3), -120, LocalDate.of(y, 6, 1));
        send(regular, correction);
        awaitStored(db, regular, correction);

        adminClose(may).statusCode(200).body("certificate_ids", not(hasItem(DeterministicIds.certificate(account, may).toString())));

        assertThat(periodStatus(db, account, may)).isEqualTo("CLOSED");
        assertThat(count(db, "SELECT count(*) FROM certificate WHERE account_id = ?", account)).isZero();
    }

    @Test
    void aCrashBetweenClosingAndClosedIsFinishedByTheNextPassOverTheSameDeposits() {
        int y = freshYear(db);
        YearMonth june = YearMonth.of(y, 6);
        DepositRecorded jun10 = deposit(dealer, account, LocalDate.of(y, 6, 10), 800, LocalDate.of(y, 6, 11));
        send(jun10);
        awaitStored(db, jun10);
        // What a crash leaves behind: the OPEN → CLOSING transaction committed, the sealing one never ran.
        execute(db, "UPDATE account_period SET status = 'CLOSING', closing_started_at = now() WHERE account_id = ? AND period = ?",
                account, june.atDay(1));

        // A deposit for June arriving now is already late: CLOSING froze June's set.
        DepositRecorded jun20 = deposit(dealer, account, LocalDate.of(y, 6, 20), 50, LocalDate.of(y, 6, 21));
        send(jun20);
        awaitStored(db, jun20);
        LocalDate countedIn = single(db, "SELECT counted_in FROM deposit WHERE deposit_id = ?", rs -> rs.getDate(1).toLocalDate(),
                jun20.depositId());
        assertThat(countedIn).isEqualTo(LocalDate.of(y, 7, 1));

        closer.closeDue(); // what start-up (and every scheduled pass) runs

        UUID id = DeterministicIds.certificate(account, june);
        assertThat(certificateLong(id, "total_pages")).isEqualTo(800);
        assertThat(periodStatus(db, account, june)).isEqualTo("CLOSED");
        assertThat(awaitCertificatesOnTopic(db, account, 1)).extracting(CertificateIssued::certificateId).containsExactly(id);
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheNextDepositStillCounts() {
        int y = freshYear(db);
        sendRaw(account.toString(), "{not json".getBytes(), Map.of(CloudEventHeaders.TYPE,
                EventType.of(deposit(dealer, account, LocalDate.of(y, 1, 1), 1, LocalDate.of(y, 1, 2))).ceType(),
                CloudEventHeaders.ID, UUID.randomUUID().toString()));
        DepositRecorded good = deposit(dealer, account, LocalDate.of(y, 1, 1), 42, LocalDate.of(y, 1, 2));
        send(good);
        awaitStored(db, good);
    }

    /**
     * Metering corrects a January day down by 5,000 pages after January was certified: February
     * (1,000 pages of its own) ends at -4,000. Trees cannot be negative, so February gets no
     * certificate; its deposits carry into March, whose certificate shows them on the prior-period
     * line, and the certificates still add up to the ledger.
     */
    @Test
    void aMonthThatEndsNegativeGetsNoCertificateAndCarriesIntoTheNextOne() {
        int y = freshYear(db);
        YearMonth january = YearMonth.of(y, 1);
        YearMonth february = YearMonth.of(y, 2);
        YearMonth march = YearMonth.of(y, 3);
        DepositRecorded jan10 = deposit(dealer, account, LocalDate.of(y, 1, 10), 1_000, LocalDate.of(y, 2, 1));
        send(jan10);
        awaitStored(db, jan10);
        adminClose(january).statusCode(200).body("newly_issued", equalTo(1));

        DepositRecorded janCorrection = asAdjustment(deposit(dealer, account, LocalDate.of(y, 1, 20), -5_000,
                LocalDate.of(y, 2, 2)));
        DepositRecorded feb15 = deposit(dealer, account, LocalDate.of(y, 2, 15), 1_000, LocalDate.of(y, 2, 16));
        send(janCorrection, feb15);
        awaitStored(db, janCorrection, feb15);

        // The run of 11 March makes February due: the scheduler closes it without a certificate.
        DepositRecorded mar10 = deposit(dealer, account, LocalDate.of(y, 3, 10), 10_000, LocalDate.of(y, 3, 11));
        send(mar10);
        await("February closed by the scheduler", () -> "CLOSED".equals(periodStatus(db, account, february)));
        assertThat(count(db, "SELECT count(*) FROM certificate WHERE account_id = ? AND period = ?", account,
                february.atDay(1))).as("no certificate with negative trees").isZero();

        // The run of 5 April makes March due.
        DepositRecorded apr4 = deposit(dealer, account, LocalDate.of(y, 4, 4), 50, LocalDate.of(y, 4, 5));
        send(apr4);
        UUID mar = DeterministicIds.certificate(account, march);
        awaitCertificate("March certified by the scheduler", mar);
        assertThat(certificateLong(mar, "pages")).isEqualTo(10_000);
        assertThat(certificateLong(mar, "prior_period_pages")).isEqualTo(-4_000);
        assertThat(certificateLong(mar, "total_pages")).isEqualTo(6_000);
        assertThat(certificateLong(mar, "deposit_count")).isEqualTo(3);
        assertCertificatesAddUpToTheLedgerBefore(LocalDate.of(y, 4, 1), 7_000);

        // the seal covers the carried deposits, and verify recomputes it over the same set
        given().header("Authorization", DealerTokens.bearer(dealer)).when().get("/v1/certificates/" + mar + "/verify")
                .then().statusCode(200).body("valid", equalTo(true)).body("deposit_count", equalTo(3));
        List<CertificateIssued> published = awaitCertificatesOnTopic(db, account, 2);
        assertThat(published).extracting(CertificateIssued::period).containsExactly(january.toString(), march.toString());
        assertThat(published.get(1).trees().toPlainString()).isEqualTo("0.72");
    }

    @Test
    void operatorCloseIsRefusedForARunningMonthABadMonthOrAMissingToken() {
        int y = freshYear(db);
        adminClose(YearMonth.of(y, 1)).statusCode(409).contentType("application/problem+json");
        given().header("Authorization", CertificateTestSupport.ADMIN).when().post("/admin/v1/periods/2026-13/close").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("period"));
        given().header("Authorization", CertificateTestSupport.ADMIN).when().post("/admin/v1/periods/january/close").then()
                .statusCode(400).body("field", equalTo("period"));
        given().when().post("/admin/v1/periods/2026-01/close").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").when().post("/admin/v1/periods/2026-01/close").then().statusCode(401);
    }

    private void awaitCertificate(String description, UUID certificateId) {
        await(description, () -> count(db, "SELECT count(*) FROM certificate WHERE certificate_id = ?", certificateId) == 1);
    }

    /** Every certificate of the account together covers exactly the ledger's pages before {@code firstOpenDay}. */
    private void assertCertificatesAddUpToTheLedgerBefore(LocalDate firstOpenDay, long expectedPages) {
        long certified = count(db, "SELECT sum(total_pages) FROM certificate WHERE account_id = ?", account);
        long ledger = count(db, "SELECT sum(standard_pages) FROM deposit WHERE account_id = ? AND service_date < ?",
                account, firstOpenDay);
        assertThat(certified).isEqualTo(ledger).isEqualTo(expectedPages);
    }

    private long certificateLong(UUID certificateId, String column) {
        Long value = single(db, "SELECT " + column + " FROM certificate WHERE certificate_id = ?", rs -> rs.getLong(1),
                certificateId);
        assertThat(value).as("certificate %s exists", certificateId).isNotNull();
        return value;
    }

    private static DepositRecorded withRecordedAt(DepositRecorded d, Instant recordedAt) {
        return new DepositRecorded(d.depositId(), d.dealerId(), d.accountId(), d.feedId(), d.serviceDate(), d.standardPages(),
                d.dayTotalPages(), d.kind(), d.requestId(), d.asOf(), recordedAt);
    }

    private static DepositRecorded asAdjustment(DepositRecorded d) {
        return new DepositRecorded(d.depositId(), d.dealerId(), d.accountId(), d.feedId(), d.serviceDate(), d.standardPages(),
                d.dayTotalPages(), DepositKind.ADJUSTMENT, d.requestId(), d.asOf(), d.recordedAt());
    }

    private static DepositRecorded withPages(DepositRecorded d, long pages) {
        return new DepositRecorded(d.depositId(), d.dealerId(), d.accountId(), d.feedId(), d.serviceDate(), pages, pages,
                d.kind(), d.requestId(), d.asOf(), d.recordedAt());
    }
}
