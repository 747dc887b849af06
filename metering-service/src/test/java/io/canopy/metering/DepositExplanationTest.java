package io.canopy.metering;

import static io.canopy.localstack.testing.Eventually.await;
import static io.canopy.metering.MeteringTestSupport.DAY0;
import static io.canopy.metering.MeteringTestSupport.deposits;
import static io.canopy.metering.MeteringTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.canopy.metering.MeteringTestSupport.Feed;
import io.canopy.metering.MeteringTestSupport.Row;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * {@code GET /v1/deposits/{id}/explanation} over deposits made through the real broker and ledger:
 * every deposit explains itself from what was stored with it.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class DepositExplanationTest {

    @Inject
    DataSource dataSource;

    private ValidatableResponse explain(Feed feed, UUID depositId) {
        return given().header("Authorization", DealerTokens.bearer(feed.dealerId()))
                .get("/v1/deposits/" + depositId + "/explanation").then().statusCode(200);
    }

    private Row depositOn(Feed feed, LocalDate day) {
        return deposits(dataSource, feed.feedId()).stream().filter(r -> r.day().equals(day)).reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aDepositAfterACounterResetShowsTheDropAndTheNewSegment() {
        Feed feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(3));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(request, "A", 0, 80_000), feed.snapshot(request, "A", 1, 80_500),
                feed.snapshot(request, "A", 2, 120), feed.completed(request, window, CollectionPurpose.BACKFILL, 3)));
        await("deposits", () -> deposits(dataSource, feed.feedId()).size() == 2);

        explain(feed, depositOn(feed, DAY0.plusDays(2)).depositId())
                .body("standard_pages", equalTo(120)).body("kind", equalTo("regular"))
                .body("devices", hasSize(1)).body("devices[0].device_id", equalTo("A"))
                .body("devices[0].step", equalTo("reset")).body("devices[0].segment", equalTo(2))
                .body("devices[0].step_detail", containsString("reset"))
                .body("devices[0].from.small", equalTo(80_500)).body("devices[0].from.time_utc", equalTo("2026-02-02T23:00:00Z"))
                .body("devices[0].to.small", equalTo(120)).body("devices[0].to.counter_source", equalTo("life"))
                .body("devices[0].small", equalTo(120)).body("devices[0].spread_over", hasSize(1))
                .body("computation.small", equalTo(120)).body("computation.computed_pages", equalTo(120))
                .body("computation.formula", containsString("1 × 120 small + 2 × 0 large"))
                .body("ledger.entries_before", equalTo(0)).body("ledger.reason", containsString("first entry"));
    }

    @Test
    void anExplanationKeepsBackslashesQuotesTabsAndNewlinesOfVendorTextExactly() {
        // Explanations are written with COPY (text format), where these characters are special.
        String device = "A\\B \"q\"\tC\nD\r";
        Feed feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(2));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(request, device, 0, 1_000), feed.snapshot(request, device, 1, 1_250),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 2)));
        await("the deposit", () -> deposits(dataSource, feed.feedId()).size() == 1);

        explain(feed, depositOn(feed, DAY0.plusDays(1)).depositId())
                .body("standard_pages", equalTo(250)).body("devices[0].device_id", equalTo(device));
    }

    @Test
    void aDepositAfterARolloverShowsTheCounterWidthItWrappedAt() {
        Feed feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(2));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(request, "A", 0, 9_999_800), feed.snapshot(request, "A", 1, 300),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 2)));
        await("the deposit", () -> deposits(dataSource, feed.feedId()).size() == 1);

        explain(feed, depositOn(feed, DAY0.plusDays(1)).depositId())
                .body("standard_pages", equalTo(500)).body("devices[0].step", equalTo("rollover"))
                .body("devices[0].segment", equalTo(1)).body("devices[0].step_detail", containsString("10000000"))
                .body("devices[0].from.small", equalTo(9_999_800)).body("devices[0].to.small", equalTo(300))
                .body("devices[0].small", equalTo(500));
    }

    @Test
    void aGapOfMissedNightsShowsEveryDayItWasSpreadOverAndTheShareEachGot() {
        Feed feed = Feed.random().inZone("America/New_York");
        ZoneId zone = ZoneId.of(feed.timeZone());
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(4));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshotAt(request, "A", DAY0.atTime(22, 0).atZone(zone).toInstant(), 1_000),
                feed.snapshotAt(request, "A", DAY0.plusDays(3).atTime(22, 0).atZone(zone).toInstant(), 1_100),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 2)));
        await("deposits", () -> deposits(dataSource, feed.feedId()).size() == 3);

        explain(feed, depositOn(feed, DAY0.plusDays(2)).depositId())
                .body("standard_pages", equalTo(33)).body("time_zone", equalTo("America/New_York"))
                .body("devices[0].step", equalTo("counted"))
                .body("devices[0].from.time_utc", equalTo("2026-02-02T03:00:00Z"))
                .body("devices[0].from.time_local", equalTo("2026-02-01T22:00:00-05:00"))
                .body("devices[0].from.business_day", equalTo("2026-02-01"))
                .body("devices[0].to.business_day", equalTo("2026-02-04"))
                .body("devices[0].step_volume.small", equalTo(100))
                .body("devices[0].spread_over", hasSize(3))
                .body("devices[0].spread_over.day", equalTo(List.of("2026-02-02", "2026-02-03", "2026-02-04")))
                .body("devices[0].spread_over.small", equalTo(List.of(34, 33, 33)))
                .body("devices[0].step_detail", containsString("largest remainder"))
                .body("devices[0].small", equalTo(33));
    }

    @Test
    void anAdjustmentSaysWhatTheLedgerHeldAndWhichReadingsChangedIt() {
        Feed feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(4));
        UUID nightly = feed.request(window, CollectionPurpose.NIGHTLY);
        send(List.of(feed.snapshot(nightly, "A", 0, 10_000), feed.snapshot(nightly, "A", 1, 10_300),
                feed.snapshot(nightly, "A", 2, 10_450), feed.snapshot(nightly, "B", 1, 500),
                feed.snapshot(nightly, "B", 3, 540), feed.completed(nightly, window, CollectionPurpose.NIGHTLY, 5)));
        await("nightly deposits", () -> deposits(dataSource, feed.feedId()).size() == 3);
        UUID regular = depositOn(feed, DAY0.plusDays(2)).depositId();

        // The agent uploads late: device A printed 60 more pages late on day 2.
        UUID backfill = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(backfill, "A", 2, 10_450),
                feed.snapshotAt(backfill, "A", DAY0.plusDays(2).atTime(23, 30).toInstant(ZoneOffset.UTC), 10_510),
                feed.snapshot(backfill, "A", 3, 10_510), feed.completed(backfill, window, CollectionPurpose.BACKFILL, 3)));
        await("the adjustment", () -> deposits(dataSource, feed.feedId()).size() == 4);
        Row adjustment = depositOn(feed, DAY0.plusDays(2));

        explain(feed, adjustment.depositId())
                .body("kind", equalTo("adjustment")).body("standard_pages", equalTo(60))
                .body("day_total_pages", equalTo(230)).body("devices", hasSize(2))
                .body("ledger.total_before", equalTo(170)).body("ledger.entries_before", equalTo(1))
                .body("ledger.computed_pages", equalTo(230)).body("ledger.difference", equalTo(60))
                .body("ledger.previous_deposit", equalTo(regular.toString()))
                .body("ledger.changes", hasSize(1)).body("ledger.changes[0].device_id", equalTo("A"))
                .body("ledger.changes[0].before.small", equalTo(150)).body("ledger.changes[0].now.small", equalTo(210))
                .body("ledger.changes[0].readings_added", hasItem("2026-02-03T23:30:00Z"))
                .body("ledger.changes[0].readings_no_longer_used", hasItem("2026-02-03T23:00:00Z"))
                .body("ledger.reason", containsString("readings added since: 2026-02-03T23:30:00Z"));
        // The regular entry still explains what it was when it was made.
        explain(feed, regular).body("standard_pages", equalTo(170)).body("devices[0].small", equalTo(150))
                .body("devices[0].to.time_utc", equalTo("2026-02-03T23:00:00Z"));
    }

    @Test
    void anAggregateDepositShowsTheVendorWindowAndItsTotals() {
        Feed feed = Feed.random();
        DateWindow day = DateWindow.day(DAY0.plusDays(5));
        UUID first = feed.request(day, CollectionPurpose.NIGHTLY);
        send(List.of(feed.aggregate(first, 5, 1_000, 100, 200), feed.completed(first, day, CollectionPurpose.NIGHTLY, 0)));
        await("the deposit", () -> deposits(dataSource, feed.feedId()).size() == 1);
        UUID manual = feed.request(day, CollectionPurpose.MANUAL);
        send(List.of(feed.aggregate(manual, 5, 1_100, 100, 200), feed.completed(manual, day, CollectionPurpose.MANUAL, 0)));
        await("the adjustment", () -> deposits(dataSource, feed.feedId()).size() == 2);

        explain(feed, deposits(dataSource, feed.feedId()).get(0).depositId())
                .body("standard_pages", equalTo(1_000)).body("devices", hasSize(0))
                .body("aggregate.window_from", equalTo("2026-02-06")).body("aggregate.window_to", equalTo("2026-02-07"))
                .body("aggregate.small", equalTo(1_000)).body("aggregate.large", equalTo(100))
                .body("aggregate.duplex_sheets", equalTo(200)).body("aggregate.pages", equalTo(1_000))
                .body("aggregate.formula", equalTo("1000 small + 2 × 100 large − 200 duplex sheets = 1000"))
                .body("computation.aggregate_pages", equalTo(1_000)).body("computation.meter_pages", equalTo(0));
        explain(feed, deposits(dataSource, feed.feedId()).get(1).depositId())
                .body("kind", equalTo("adjustment")).body("standard_pages", equalTo(100))
                .body("ledger.aggregate_before.small", equalTo(1_000)).body("aggregate.small", equalTo(1_100))
                .body("ledger.reason", containsString("aggregate vendor's totals for the day changed"));
    }

    @Test
    void theActivationBaselineIsShownAndSharesBeforeTheActivationDateAreNotCounted() {
        Feed feed = Feed.random();
        LocalDate activation = DAY0.plusDays(3);
        DateWindow window = DateWindow.of(DAY0, activation.plusDays(2));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(request, "A", 0, 1_000), feed.snapshot(request, "A", 4, 1_400),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 2, activation)));
        await("deposits", () -> deposits(dataSource, feed.feedId()).size() == 2);

        explain(feed, depositOn(feed, activation).depositId())
                .body("standard_pages", equalTo(100)).body("activation_date", equalTo(activation.toString()))
                .body("devices[0].from.activation_baseline", equalTo(true))
                .body("devices[0].from.small", equalTo(1_000))
                .body("devices[0].spread_over.counted", equalTo(List.of(false, false, true, true)))
                .body("devices[0].step_detail", containsString("before the activation date"));
    }

    @Test
    void anotherDealersOrAnUnknownDepositIsNotFound() {
        Feed feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(2));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(request, "A", 0, 1_000), feed.snapshot(request, "A", 1, 1_200),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 2)));
        await("the deposit", () -> deposits(dataSource, feed.feedId()).size() == 1);
        UUID depositId = deposits(dataSource, feed.feedId()).get(0).depositId();

        explain(feed, depositId).body("deposit_id", equalTo(depositId.toString())).body("aggregate", nullValue());
        given().header("Authorization", DealerTokens.bearer(UUID.randomUUID()))
                .get("/v1/deposits/" + depositId + "/explanation").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", DealerTokens.bearer(feed.dealerId()))
                .get("/v1/deposits/" + UUID.randomUUID() + "/explanation").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", DealerTokens.bearer(feed.dealerId()))
                .get("/v1/deposits/nope/explanation").then().statusCode(400).body("field", equalTo("id"));
        given().get("/v1/deposits/" + depositId + "/explanation").then().statusCode(401);
    }

    @Test
    void explanationsAreAppendOnlyInTheDatabaseAndDocumentedInOpenApi() throws Exception {
        Feed feed = Feed.random();
        DateWindow window = DateWindow.of(DAY0, DAY0.plusDays(2));
        UUID request = feed.request(window, CollectionPurpose.BACKFILL);
        send(List.of(feed.snapshot(request, "A", 0, 1_000), feed.snapshot(request, "A", 1, 1_200),
                feed.completed(request, window, CollectionPurpose.BACKFILL, 2)));
        await("the deposit", () -> deposits(dataSource, feed.feedId()).size() == 1);
        UUID depositId = deposits(dataSource, feed.feedId()).get(0).depositId();

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE deposit_explanation SET body = '{}' WHERE deposit_id = '"
                    + depositId + "'")).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM deposit_explanation WHERE deposit_id = '" + depositId + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        explain(feed, depositId).body("standard_pages", equalTo(200));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/v1/deposits/{id}/explanation'.get.responses.'200'.content.'application/json'.schema.$ref",
                        containsString("DepositExplanation"))
                .body("components.schemas.DepositExplanation.properties.devices", notNullValue());
    }
}
