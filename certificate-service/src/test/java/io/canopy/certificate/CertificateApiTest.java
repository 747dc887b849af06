package io.canopy.certificate;

import static io.canopy.certificate.CertificateTestSupport.adminClose;
import static io.canopy.certificate.CertificateTestSupport.awaitStored;
import static io.canopy.certificate.CertificateTestSupport.deposit;
import static io.canopy.certificate.CertificateTestSupport.execute;
import static io.canopy.certificate.CertificateTestSupport.freshYear;
import static io.canopy.certificate.CertificateTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.awt.image.BufferedImage;
import java.io.File;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dealer API over certificates issued from real deposits: a January with 1,234 pages (0.15
 * trees), and a February of 2,400,000 pages plus 69,134 prior-period pages from January that
 * arrived after January closed (2,469,134 pages, 296.31 trees). The account was renamed in
 * between: each certificate keeps the name of its issue, and a late deposit carrying the old
 * name does not bring it back.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "certificate"))
class CertificateApiTest {

    private static final UUID DEALER = UUID.randomUUID();
    private static final UUID OTHER_DEALER = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final String OLD_NAME = "Juniper Dental";
    private static final String NAME = "Juniper & Sons Dental";
    private static int year;

    @Inject
    DataSource db;

    @BeforeEach
    void issueJanuaryAndFebruaryOnce() {
        if (year != 0) {
            return;
        }
        int y = freshYear(db);
        DepositRecorded jan = deposit(DEALER, ACCOUNT, LocalDate.of(y, 1, 12), 1_234, LocalDate.of(y, 2, 1), OLD_NAME);
        send(jan);
        awaitStored(db, jan);
        adminClose(YearMonth.of(y, 1)).statusCode(200);
        DepositRecorded lateJan = deposit(DEALER, ACCOUNT, LocalDate.of(y, 1, 28), 69_134, LocalDate.of(y, 2, 5), OLD_NAME);
        DepositRecorded feb = deposit(DEALER, ACCOUNT, LocalDate.of(y, 2, 20), 2_400_000, LocalDate.of(y, 2, 21), NAME);
        DepositRecorded mar = deposit(DEALER, ACCOUNT, LocalDate.of(y, 3, 1), 10, LocalDate.of(y, 3, 2), null);
        send(feb, mar, lateJan); // the late January deposit, recorded before the rename, arrives last
        awaitStored(db, lateJan, feb, mar);
        adminClose(YearMonth.of(y, 2)).statusCode(200);
        year = y;
    }

    private UUID january() {
        return DeterministicIds.certificate(ACCOUNT, YearMonth.of(year, 1));
    }

    private UUID february() {
        return DeterministicIds.certificate(ACCOUNT, YearMonth.of(year, 2));
    }

    @Test
    void theListIsTheDealersOwnFilteredByAccountAndPeriod() {
        given().header("Authorization", DealerTokens.bearer(DEALER)).queryParam("account_id", ACCOUNT.toString())
                .when().get("/v1/certificates").then().statusCode(200).body("total", equalTo(2))
                .body("data.period", contains(year + "-02", year + "-01"));
        given().header("Authorization", DealerTokens.bearer(DEALER)).queryParam("account_id", ACCOUNT.toString())
                .queryParam("period", year + "-01").when().get("/v1/certificates").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo(january().toString()))
                .body("data[0].trees", equalTo(0.15f)).body("data[0].total_pages", equalTo(1_234))
                .body("data[0].account_name", equalTo(OLD_NAME));
        given().header("Authorization", DealerTokens.bearer(OTHER_DEALER)).queryParam("account_id", ACCOUNT.toString())
                .when().get("/v1/certificates").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aCertificateShowsItsFiguresAndTheSortedDepositIdsItSeals() {
        List<String> ids = given().header("Authorization", DealerTokens.bearer(DEALER)).when()
                .get("/v1/certificates/" + february()).then().statusCode(200)
                .body("pages", equalTo(2_400_000)).body("prior_period_pages", equalTo(69_134))
                .body("total_pages", equalTo(2_469_134)).body("trees", equalTo(296.31f))
                .body("deposit_count", equalTo(2)).body("account_name", equalTo(NAME)).body("links.pdf", equalTo(
                        "https://certificates.canopy.test/v1/certificates/" + february() + ".pdf"))
                .extract().jsonPath().getList("deposit_ids", String.class);
        assertThat(ids).hasSize(2).isSorted();
    }

    @Test
    void anotherDealersCertificateIsNotFoundAndATokenIsRequired() {
        given().header("Authorization", DealerTokens.bearer(OTHER_DEALER)).when().get("/v1/certificates/" + february())
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", DealerTokens.bearer(OTHER_DEALER)).when().get("/v1/certificates/" + february() + ".pdf")
                .then().statusCode(404);
        given().when().get("/v1/certificates/" + february()).then().statusCode(401);
        given().header("Authorization", "Bearer " + DealerTokens.expiredForDealer(DEALER)).when()
                .get("/v1/certificates/" + february()).then().statusCode(401);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        given().header("Authorization", DealerTokens.bearer(DEALER)).when().get("/v1/certificates/not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("id"));
        given().header("Authorization", DealerTokens.bearer(DEALER)).queryParam("period", "2026-1").when()
                .get("/v1/certificates").then().statusCode(400).body("field", equalTo("period"));
        given().header("Authorization", DealerTokens.bearer(DEALER)).queryParam("account_id", "x").when()
                .get("/v1/certificates").then().statusCode(400).body("field", equalTo("account_id"));
        given().header("Authorization", DealerTokens.bearer(DEALER)).queryParam("per_page", 0).when()
                .get("/v1/certificates").then().statusCode(400).body("field", equalTo("per_page"));
    }

    @Test
    void theHtmlPageShowsTheFiguresTheSealAndTheVerificationLink() {
        String html = given().header("Authorization", DealerTokens.bearer(DEALER)).when()
                .get("/v1/certificates/" + february() + ".html").then().statusCode(200).contentType("text/html")
                .extract().asString();
        assertThat(html).contains("Certificate of Reforestation", "February " + year, "296.31 trees", "2,400,000",
                "Prior-period pages", "69,134", "2,469,134", "Juniper &amp; Sons Dental", seal(february()),
                "https://certificates.canopy.test/v1/certificates/" + february() + "/verify");
    }

    @Test
    void thePdfIsOnePageWhoseTextCarriesTheFigures() throws Exception {
        byte[] pdf = given().header("Authorization", DealerTokens.bearer(DEALER)).when()
                .get("/v1/certificates/" + february() + ".pdf").then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Certificate of Reforestation", "February " + year, "296.31 trees", "2,400,000",
                    "69,134", "2,469,134", NAME, "8,333");
            String seal = seal(february());
            assertThat(text).contains(seal.substring(0, 32), seal.substring(32));
            assertThat(text).contains("/v1/certificates/" + february() + "/verify");

            // A picture for people to look at (target/certificate-preview.png), and a check it is not blank.
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 100);
            ImageIO.write(image, "png", new File("target/certificate-preview.png"));
            assertThat(image.getWidth()).isGreaterThan(image.getHeight());
            assertThat(distinctColours(image)).isGreaterThan(4);
        }

        String january = new PDFTextStripper().getText(Loader.loadPDF(given().header("Authorization", DealerTokens.bearer(DEALER))
                .when().get("/v1/certificates/" + january() + ".pdf").then().statusCode(200).extract().asByteArray()));
        assertThat(january).contains("0.15 trees", "1,234", OLD_NAME).doesNotContain("Prior-period");
    }

    @Test
    void verifyRecomputesTheSealFromTheDepositsAndNoticesTampering() {
        given().header("Authorization", DealerTokens.bearer(DEALER)).when().get("/v1/certificates/" + january() + "/verify")
                .then().statusCode(200).body("valid", equalTo(true)).body("recomputed_seal", equalTo(seal(january())));

        // Slip a deposit into January's covered set behind the service's back: the seal no longer matches.
        execute(db, """
                INSERT INTO deposit (deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages, kind, request_id,
                                     as_of, recorded_at, counted_in, prior_period)
                VALUES (?, ?, ?, ?, ?, 5000, 'REGULAR', ?, ?, now(), ?, false)""", UUID.randomUUID(), DEALER, ACCOUNT,
                UUID.randomUUID(), LocalDate.of(year, 1, 15), UUID.randomUUID(), LocalDate.of(year, 1, 16),
                LocalDate.of(year, 1, 1));
        given().header("Authorization", DealerTokens.bearer(DEALER)).when().get("/v1/certificates/" + january() + "/verify")
                .then().statusCode(200).body("valid", equalTo(false)).body("seal", equalTo(seal(january())))
                .body("recomputed_seal", not(equalTo(seal(january())))).body("recomputed_deposit_count", equalTo(2));
    }

    private String seal(UUID certificateId) {
        return CertificateTestSupport.single(db, "SELECT seal FROM certificate WHERE certificate_id = ?", rs -> rs.getString(1),
                certificateId);
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 7) {
            for (int y = 0; y < image.getHeight(); y += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
