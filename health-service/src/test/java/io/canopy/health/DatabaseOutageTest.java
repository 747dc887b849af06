package io.canopy.health;

import static io.canopy.health.HealthTestSupport.awaitConsumed;
import static io.canopy.health.HealthTestSupport.count;
import static io.canopy.health.HealthTestSupport.march;
import static io.canopy.health.HealthTestSupport.night;
import static io.canopy.health.HealthTestSupport.send;
import static io.canopy.health.HealthTestSupport.sendAndAwait;
import static io.canopy.localstack.testing.Eventually.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.health.HealthTestSupport.Fleet;
import io.canopy.kit.health.WorkersReadinessCheck;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DatabaseOutage;
import io.canopy.localstack.testing.TopicContents;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL away while records arrive: the consumer retries the readable record (never
 * dead-letters it, never stops the channel), readiness is DOWN meanwhile, and when the database is
 * back the record and the ones behind it are applied, each once. The shared test server cannot be
 * stopped, so health's database refuses connections and its sessions are killed instead (the e2e
 * chaos test stops the real server); length {@code -Dcanopy.test.outage=PT60S}, default 10 s.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "health"))
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.parse(System.getProperty("canopy.test.outage", "PT10S"));

    @Inject
    DataSource db;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theConsumerRidesOutADatabaseOutageNotReadyMeanwhileAndLosesNothing() throws Exception {
        Fleet f = Fleet.random("UTC");
        sendAndAwait(db, night(f, march(3), march(2)));
        given().get("/q/health/ready").then().statusCode(200);

        CollectionSucceeded during = night(f, march(4), march(3));
        CollectionSucceeded behind = night(f, march(5), march(4));
        try (DatabaseOutage outage = DatabaseOutage.begin(jdbcUrl)) {
            send(during, behind);
            long deadline = System.nanoTime() + OUTAGE.toNanos();
            await("readiness DOWN with the outcomes consumer failing", () -> {
                var ready = given().get("/q/health/ready").then().extract();
                Object state = ready.path("checks.find { it.name == '" + WorkersReadinessCheck.NAME
                        + "' }.data.'consumer health.outcomes'");
                return ready.statusCode() == 503 && String.valueOf(state).startsWith("failing");
            });
            Thread.sleep(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            given().get("/q/health/ready").then().statusCode(503);
        }

        awaitConsumed(db, during.eventId().toString());
        awaitConsumed(db, behind.eventId().toString());
        await("readiness UP again", () -> given().get("/q/health/ready").then().extract().statusCode() == 200);
        assertThat(count(db, "SELECT count(*) FROM consumed_message WHERE message_id IN (?, ?)", during.eventId().toString(),
                behind.eventId().toString())).isEqualTo(2);
        assertThat(TopicContents.read(HealthTestSupport.bootstrap(), Topics.deadLetterOf(Topics.COLLECTION_OUTCOMES),
                Duration.ofSeconds(30))).noneMatch(r -> f.feed().toString().equals(r.key()));
        assertThat(HealthTestSupport.day(db, "SELECT today FROM dealer_business_day WHERE dealer_id = ?", f.dealer()))
                .isEqualTo(march(5));
    }
}
