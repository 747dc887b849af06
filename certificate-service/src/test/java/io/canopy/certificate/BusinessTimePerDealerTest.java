package io.canopy.certificate;

import static io.canopy.certificate.CertificateTestSupport.adminClose;
import static io.canopy.certificate.CertificateTestSupport.awaitStored;
import static io.canopy.certificate.CertificateTestSupport.deposit;
import static io.canopy.certificate.CertificateTestSupport.freshYear;
import static io.canopy.certificate.CertificateTestSupport.periodStatus;
import static io.canopy.certificate.CertificateTestSupport.send;
import static io.canopy.certificate.CertificateTestSupport.sendDepositsOnly;
import static io.canopy.certificate.CertificateTestSupport.today;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.certificate.service.MonthCloser;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue #16 §3 at the consumer, on the real broker: business time is per dealer and only nights
 * move it, so a forged far-future DepositRecorded of one dealer closes nothing of another dealer's
 * and does not move its own dealer's business today either; an operator may close one dealer's month.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "certificate"))
class BusinessTimePerDealerTest {

    @Inject
    DataSource db;

    @Inject
    MonthCloser closer;

    private final UUID dealerA = UUID.randomUUID();
    private final UUID accountA = UUID.randomUUID();
    private final UUID dealerB = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();

    @Test
    void aForgedFarFutureDepositOfOneDealerClosesNothingOfAnotherAndDoesNotMoveItsOwnClock() {
        int y = freshYear(db);
        LocalDate night = LocalDate.of(y, 1, 20);
        DepositRecorded a = deposit(dealerA, accountA, LocalDate.of(y, 1, 19), 100, night);
        DepositRecorded b = deposit(dealerB, accountB, LocalDate.of(y, 1, 19), 200, night);
        send(a, b);
        awaitStored(db, a, b);

        DepositRecorded forged = deposit(dealerA, accountA, LocalDate.of(y, 1, 10), 5_000, LocalDate.of(2999, 12, 31));
        sendDepositsOnly(forged);
        awaitStored(db, forged);
        closer.closeDue(); // what every scheduled pass runs

        assertThat(today(db, dealerA)).as("a deposit carries no purpose: it moves nothing").isEqualTo(night);
        assertThat(today(db, dealerB)).isEqualTo(night);
        assertThat(periodStatus(db, accountB, YearMonth.of(y, 1))).isEqualTo("OPEN");
        assertThat(periodStatus(db, accountA, YearMonth.of(y, 1))).isEqualTo("OPEN");
        assertThat(CertificateTestSupport.count(db, "SELECT count(*) FROM certificate WHERE dealer_id IN (?, ?)", dealerA,
                dealerB)).isZero();
        given().when().get("/q/metrics").then().statusCode(200).body(containsString(
                "canopy_business_time_beyond_today_total{event=\"DepositRecorded\",service=\"certificate\"}"));
    }

    @Test
    void anOperatorCloseNamingOneDealerClosesOnlyThatDealersMonth() {
        int y = freshYear(db);
        DepositRecorded a = deposit(dealerA, accountA, LocalDate.of(y, 1, 19), 100, LocalDate.of(y, 2, 1));
        DepositRecorded b = deposit(dealerB, accountB, LocalDate.of(y, 1, 19), 200, LocalDate.of(y, 2, 1));
        send(a, b);
        awaitStored(db, a, b);

        given().header("Authorization", CertificateTestSupport.ADMIN).queryParam("dealer_id", dealerA.toString()).when()
                .post("/admin/v1/periods/" + YearMonth.of(y, 1) + "/close").then().statusCode(200)
                .body("dealer_id", equalTo(dealerA.toString())).body("newly_issued", equalTo(1));
        assertThat(periodStatus(db, accountA, YearMonth.of(y, 1))).isEqualTo("CLOSED");
        assertThat(periodStatus(db, accountB, YearMonth.of(y, 1))).isEqualTo("OPEN");

        given().header("Authorization", CertificateTestSupport.ADMIN).queryParam("dealer_id", "not-a-uuid").when()
                .post("/admin/v1/periods/" + YearMonth.of(y, 1) + "/close").then().statusCode(400)
                .body("field", equalTo("dealer_id"));
        given().header("Authorization", CertificateTestSupport.ADMIN).queryParam("dealer_id", UUID.randomUUID().toString())
                .when().post("/admin/v1/periods/" + YearMonth.of(y, 1) + "/close").then().statusCode(409);
        adminClose(YearMonth.of(y, 1)).statusCode(200);
        assertThat(periodStatus(db, accountB, YearMonth.of(y, 1))).isEqualTo("CLOSED");
    }
}
