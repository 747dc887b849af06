package io.canopy.metering;

import static io.canopy.localstack.testing.Eventually.await;
import static io.canopy.metering.MeteringTestSupport.deposits;
import static io.canopy.metering.MeteringTestSupport.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.kit.health.WorkersReadinessCheck;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DatabaseOutage;
import io.canopy.localstack.testing.TopicContents;
import io.canopy.metering.MeteringTestSupport.Feed;
import io.canopy.metering.messaging.ReadingsConsumer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Metering's polling thread is never silently gone: a failing poll replaces the consumer, and a
 * PostgreSQL outage holds the batch (readiness DOWN) until the database is back, losing nothing. The
 * shared test server cannot be stopped, so metering's database refuses connections and its sessions
 * are killed instead (the e2e chaos test stops the real server); length
 * {@code -Dcanopy.test.outage=PT60S}, default 10 s.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class ReadingsConsumerResilienceTest {

    private static final Duration OUTAGE = Duration.parse(System.getProperty("canopy.test.outage", "PT10S"));
    private static final String WORKER_STATE = "checks.find { it.name == '" + WorkersReadinessCheck.NAME + "' }.data.'"
            + ReadingsConsumer.WORKER + "'";

    @Inject
    DataSource dataSource;

    @Inject
    ReadingsConsumer consumer;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void thePollLoopSurvivesAPollErrorAndGoesOnConsuming() throws Exception {
        Feed before = Feed.random();
        send(MeteringLedgerTest.firstRequest(before, before.request(MeteringLedgerTest.FIRST_NIGHTS, CollectionPurpose.BACKFILL)));
        await("deposits before the poll error", () -> deposits(dataSource, before.feedId()).size() == 3);

        currentKafkaConsumer().wakeup(); // the next poll throws WakeupException although nobody stopped the loop

        Feed after = Feed.random();
        send(MeteringLedgerTest.firstRequest(after, after.request(MeteringLedgerTest.FIRST_NIGHTS, CollectionPurpose.BACKFILL)));
        await("deposits after the poll error", () -> deposits(dataSource, after.feedId()).size() == 3);
        assertThat(consumerThreadAlive()).isTrue();
        await("readiness UP", () -> given().get("/q/health/ready").then().extract().statusCode() == 200);
    }

    @Test
    void aDatabaseOutageHoldsTheReadingsNotReadyMeanwhileAndLosesNothing() throws Exception {
        Feed feed = Feed.random();
        UUID request = feed.request(MeteringLedgerTest.FIRST_NIGHTS, CollectionPurpose.BACKFILL);
        given().get("/q/health/ready").then().statusCode(200);
        try (DatabaseOutage outage = DatabaseOutage.begin(jdbcUrl)) {
            long deadline = System.nanoTime() + OUTAGE.toNanos();
            send(MeteringLedgerTest.firstRequest(feed, request));
            await("readiness DOWN with the readings consumer failing", () -> {
                var ready = given().get("/q/health/ready").then().extract();
                Object state = ready.path(WORKER_STATE);
                return ready.statusCode() == 503 && String.valueOf(state).startsWith("failing");
            });
            Thread.sleep(Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            given().get("/q/health/ready").then().statusCode(503);
        }
        await("the held request's deposits", () -> deposits(dataSource, feed.feedId()).size() == 3);
        await("readiness UP again", () -> given().get("/q/health/ready").then().extract().statusCode() == 200);
        assertThat(deposits(dataSource, feed.feedId())).hasSize(3);
        assertThat(TopicContents.read(MeteringTestSupport.bootstrap(), Topics.deadLetterOf(Topics.METER_READINGS),
                Duration.ofSeconds(30))).as("nothing of a good request was dead-lettered")
                .noneMatch(r -> feed.feedId().toString().equals(r.key()));
        assertThat(MeteringTestSupport.count(dataSource, "SELECT count(*) FROM parked_request WHERE request_id = ?", request))
                .isZero();
    }

    @SuppressWarnings("unchecked")
    private KafkaConsumer<String, byte[]> currentKafkaConsumer() throws ReflectiveOperationException {
        Field field = ReadingsConsumer.class.getDeclaredField("consumer");
        field.setAccessible(true);
        Object target = io.quarkus.arc.ClientProxy.unwrap(consumer);
        KafkaConsumer<String, byte[]> kafka = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (kafka == null && System.nanoTime() < deadline) {
            kafka = (KafkaConsumer<String, byte[]>) field.get(target);
        }
        assertThat(kafka).as("metering's Kafka consumer").isNotNull();
        return kafka;
    }

    private static boolean consumerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("metering-readings-consumer") && t.isAlive());
    }
}
