package io.canopy.health;

import static io.canopy.health.HealthTestSupport.failedNight;
import static io.canopy.health.HealthTestSupport.march;
import static io.canopy.health.HealthTestSupport.night;
import static io.canopy.health.HealthTestSupport.sendAndAwait;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.FailureKind;
import io.canopy.health.HealthTestSupport.Fleet;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The dealer-facing API: JWT-verified, scoped to the caller's dealer, clear problems for bad input. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "health"))
class HealthApiTest {

    @Inject
    DataSource db;

    @Inject
    io.canopy.health.service.HealthSweep sweep;

    @Test
    void aDealerSeesItsServersFeedsAndHistoryAndNothingOfAnotherDealer() {
        Fleet mine = Fleet.random("Europe/Berlin");
        Fleet sibling = mine.anotherFeedOnTheSameServer();
        Fleet theirs = Fleet.random("UTC");
        sendAndAwait(db, night(mine, march(3), march(2)), night(sibling, march(3), march(2)), night(theirs, march(3), march(2)));
        sendAndAwait(db, failedNight(mine, march(4), FailureKind.AUTH_REJECTED));
        String token = DealerTokens.bearer(mine.dealer());

        given().header("Authorization", token).when().get("/v1/health/servers").then().statusCode(200)
                .body("total", equalTo(1))
                .body("data[0].server_id", equalTo(mine.server().toString()))
                .body("data[0].health_check", equalTo("unhealthy"))
                .body("data[0].reason", equalTo("auth_rejected"))
                .body("data[0].since", equalTo("2026-03-04"));

        given().header("Authorization", token).queryParam("status", "unhealthy").when().get("/v1/health/feeds").then()
                .statusCode(200).body("total", equalTo(2))
                .body("data.reason", org.hamcrest.Matchers.everyItem(equalTo("server_unhealthy")));

        given().header("Authorization", token).when().get("/v1/health/feeds/" + mine.feed()).then().statusCode(200)
                .body("health_check", equalTo("unhealthy"))
                .body("time_zone", equalTo("Europe/Berlin"))
                .body("last_new_data_date", equalTo("2026-03-02"))
                .body("health_check_changed_at", org.hamcrest.Matchers.notNullValue());

        given().header("Authorization", token).when().get("/v1/health/feeds/" + mine.feed() + "/history").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].change", equalTo("status"))
                .body("data[0].health_check", equalTo("unhealthy"))
                .body("data[0].reason", equalTo("server_unhealthy"))
                .body("data[0].backfill_window", nullValue());

        given().header("Authorization", token).when().get("/v1/health/feeds/" + theirs.feed()).then().statusCode(404);
        given().header("Authorization", token).when().get("/v1/health/feeds/" + theirs.feed() + "/history").then()
                .statusCode(404);
        given().header("Authorization", token).queryParam("server_id", theirs.server().toString()).when()
                .get("/v1/health/feeds").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void unhealthyFeedsAndServersByReasonAndBackfillsAreMetrics() {
        Fleet f = Fleet.random("UTC");
        sendAndAwait(db, night(f, march(3), march(2)), failedNight(f, march(4), FailureKind.UNREACHABLE));
        sweep.refreshGauges();

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .containsPattern("canopy_health_feeds_unhealthy\\{reason=\"server_unhealthy\"\\} [1-9]")
                .containsPattern("canopy_health_servers_unhealthy\\{reason=\"unreachable\"\\} [1-9]")
                .contains("canopy_health_feeds_unhealthy{reason=\"stale_data\"}")
                // every consumed event is counted by what it did (service-kit's Inbox.consumeCounted)
                .containsPattern("canopy_health_events_total\\{outcome=\"applied\",[^}]*"
                        + "topic=\"canopy.collection.outcomes.v1\"\\} [1-9]");
    }

    @Test
    void withoutAValidTokenNothingIsShown() {
        given().when().get("/v1/health/feeds").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-jwt").when().get("/v1/health/servers").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String token = DealerTokens.bearer(UUID.randomUUID());
        given().header("Authorization", token).queryParam("status", "sick").when().get("/v1/health/feeds").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("status"));
        given().header("Authorization", token).when().get("/v1/health/feeds/not-a-uuid/history").then().statusCode(400)
                .body("field", equalTo("id"));
        given().header("Authorization", token).queryParam("per_page", 0).when().get("/v1/health/servers").then()
                .statusCode(400).body("field", equalTo("per_page"));
        given().header("Authorization", token).queryParam("account_id", "x").when().get("/v1/health/feeds").then()
                .statusCode(400).body("field", equalTo("account_id"));
    }

    @Test
    void operatorsCanJudgeEveryFeedNowButOnlyWithTheirToken() {
        given().when().post("/admin/v1/health/evaluations").then().statusCode(401);
        given().header("Authorization", "Bearer test-admin-token").when().post("/admin/v1/health/evaluations").then()
                .statusCode(200).body("feeds_evaluated", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }
}
