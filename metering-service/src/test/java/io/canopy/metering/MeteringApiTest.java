package io.canopy.metering;

import static io.canopy.localstack.testing.Eventually.await;
import static io.canopy.metering.MeteringTestSupport.DAY0;
import static io.canopy.metering.MeteringTestSupport.deposits;
import static io.canopy.metering.MeteringTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.canopy.metering.MeteringTestSupport.Feed;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dealer API over a ledger filled through the real broker: tenancy, paging, volumes, devices, problems. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class MeteringApiTest {

    @Inject
    DataSource dataSource;

    Feed feed;

    /** 9,000 pages on Jan 31 and 8,000 on Feb 1 (device A), so the volume spans two months. */
    @BeforeEach
    void fillTheLedger() {
        feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0.minusDays(2), DAY0.plusDays(2));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(request, "A", -2, 100_000), feed.snapshot(request, "A", -1, 109_000),
                feed.snapshot(request, "A", 0, 117_000), feed.completed(request, window, CollectionPurpose.BACKFILL, 3)));
        await("deposits", () -> deposits(dataSource, feed.feedId()).size() == 2);
    }

    @Test
    void depositsAreListedAndFetchedForTheirDealerOnly() {
        String depositId = given().header("Authorization", DealerTokens.bearer(feed.dealerId()))
                .queryParam("account_id", feed.accountId().toString()).get("/v1/deposits")
                .then().statusCode(200).body("data", hasSize(2)).body("total", equalTo(2))
                .body("data[0].service_date", equalTo("2026-01-31")).body("data[0].standard_pages", equalTo(9_000))
                .body("data[0].kind", equalTo("regular")).body("data[1].standard_pages", equalTo(8_000))
                .extract().path("data[0].id");
        given().header("Authorization", DealerTokens.bearer(feed.dealerId()))
                .queryParam("feed_id", feed.feedId().toString()).queryParam("start_date", "2026-02-01")
                .queryParam("end_date", "2026-02-02").queryParam("per_page", 1).get("/v1/deposits")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].service_date", equalTo("2026-02-01"))
                .body("has_more", equalTo(false));
        given().header("Authorization", DealerTokens.bearer(feed.dealerId())).get("/v1/deposits/" + depositId)
                .then().statusCode(200).body("account_id", equalTo(feed.accountId().toString()));

        UUID otherDealer = UUID.randomUUID();
        given().header("Authorization", DealerTokens.bearer(otherDealer)).get("/v1/deposits/" + depositId)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", DealerTokens.bearer(otherDealer))
                .queryParam("account_id", feed.accountId().toString()).get("/v1/deposits")
                .then().statusCode(200).body("total", equalTo(0));
        given().get("/v1/deposits").then().statusCode(401);
    }

    @Test
    void volumeIsPagesAndTreesPerDayOrMonth() {
        given().header("Authorization", DealerTokens.bearer(feed.dealerId()))
                .get("/v1/accounts/" + feed.accountId() + "/volume?period=monthly")
                .then().statusCode(200).body("pages", equalTo(17_000)).body("trees", equalTo(2.04f))
                .body("data", hasSize(2)).body("data[0].period", equalTo("2026-01"))
                .body("data[0].pages", equalTo(9_000)).body("data[0].trees", equalTo(1.08f));
        given().header("Authorization", DealerTokens.bearer(feed.dealerId()))
                .get("/v1/accounts/" + feed.accountId() + "/volume?start_date=2026-02-01&end_date=2026-03-01")
                .then().statusCode(200).body("period", equalTo("daily")).body("pages", equalTo(8_000))
                .body("data[0].period", equalTo("2026-02-01"));
        given().header("Authorization", DealerTokens.bearer(UUID.randomUUID()))
                .get("/v1/accounts/" + feed.accountId() + "/volume").then().statusCode(404);
    }

    @Test
    void devicesShowTheirCounts() {
        given().header("Authorization", DealerTokens.bearer(feed.dealerId())).get("/v1/devices?feed_id=" + feed.feedId())
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].device_id", equalTo("A"))
                .body("data[0].InitialCount", equalTo(100_000)).body("data[0].LatestCount", equalTo(117_000))
                .body("data[0].LifeCount", equalTo(17_000)).body("data[0].managed", equalTo(true))
                .body("data[0].last_reading_time", equalTo("2026-02-01T23:00:00Z"));
        given().header("Authorization", DealerTokens.bearer(UUID.randomUUID())).get("/v1/devices?feed_id=" + feed.feedId())
                .then().statusCode(404);
    }

    @Test
    void devicesArePagedLikeEveryList() {
        String token = DealerTokens.bearer(feed.dealerId());
        given().header("Authorization", token).get("/v1/devices?feed_id=" + feed.feedId() + "&per_page=1")
                .then().statusCode(200).body("data", hasSize(1)).body("page", equalTo(1)).body("per_page", equalTo(1))
                .body("total", equalTo(1)).body("has_more", equalTo(false));
        given().header("Authorization", token).get("/v1/devices?feed_id=" + feed.feedId() + "&page=2&per_page=1")
                .then().statusCode(200).body("data", hasSize(0)).body("total", equalTo(1));
        given().header("Authorization", token).get("/v1/devices?feed_id=" + feed.feedId() + "&per_page=501")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("per_page"));
        // (4294970 - 1) * 500 wraps an int: a 500 before the offset was a long and the page bounded.
        given().header("Authorization", token).get("/v1/deposits?page=4294970&per_page=500")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("page"));
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        String token = DealerTokens.bearer(feed.dealerId());
        given().header("Authorization", token).get("/v1/deposits?account_id=nope").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("account_id"));
        given().header("Authorization", token).get("/v1/deposits?start_date=2026-13-01").then().statusCode(400)
                .body("field", equalTo("start_date"));
        given().header("Authorization", token).get("/v1/deposits?start_date=2026-02-02&end_date=2026-02-01")
                .then().statusCode(400).body("field", equalTo("end_date"));
        given().header("Authorization", token).get("/v1/deposits/not-a-uuid").then().statusCode(400)
                .body("field", equalTo("id"));
        given().header("Authorization", token).get("/v1/accounts/" + feed.accountId() + "/volume?period=weekly")
                .then().statusCode(400).body("field", equalTo("period")).body("detail", containsString("weekly"));
        given().header("Authorization", token).get("/v1/devices").then().statusCode(400).body("field", equalTo("feed_id"));
        given().header("Authorization", token).get("/v1/deposits?per_page=0").then().statusCode(400)
                .body("field", equalTo("per_page"));
    }
}
