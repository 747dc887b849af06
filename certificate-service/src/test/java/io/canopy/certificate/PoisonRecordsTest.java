package io.canopy.certificate;

import static io.canopy.certificate.CertificateTestSupport.awaitStored;
import static io.canopy.certificate.CertificateTestSupport.bootstrap;
import static io.canopy.certificate.CertificateTestSupport.count;
import static io.canopy.certificate.CertificateTestSupport.deposit;
import static io.canopy.certificate.CertificateTestSupport.freshYear;
import static io.canopy.certificate.CertificateTestSupport.night;
import static io.canopy.certificate.CertificateTestSupport.send;
import static io.canopy.certificate.CertificateTestSupport.sendEvent;
import static io.canopy.localstack.testing.Eventually.await;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.kit.deadletter.DeadLetterHeaders;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DeadLettered;
import io.canopy.localstack.testing.PoisonRecords;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each of certificate's channels (deposits, outcomes, health): records no one can read are parked on
 * the topic's dead-letter topic with why and where from, and the good record behind them is applied.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "certificate"))
class PoisonRecordsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    DataSource db;

    private final UUID dealer = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();
    private final UUID feed = UUID.randomUUID();

    @Test
    void depositsGarbageAndADepositWithoutAsOfAreDeadLetteredAndTheNextDepositCounts() {
        int y = freshYear(db);
        DepositRecorded good = deposit(dealer, account, LocalDate.of(y, 1, 1), 42, LocalDate.of(y, 1, 2));
        PoisonRecords.garbage(bootstrap(), Topics.DEPOSITS, account.toString(), good);
        PoisonRecords.withoutField(bootstrap(), Topics.DEPOSITS,
                deposit(dealer, account, LocalDate.of(y, 1, 1), 7, LocalDate.of(y, 1, 2)), "asOf");
        send(good);
        awaitStored(db, good);

        List<ConsumerRecord<String, byte[]>> parked = DeadLettered.await(bootstrap(), Topics.DEPOSITS, account.toString(), 2,
                PATIENCE);
        assertThat(parked).hasSize(2).allSatisfy(r -> assertParkedFrom(r, Topics.DEPOSITS));
        assertThat(DeadLettered.header(parked.get(1), DeadLetterHeaders.REASON)).contains("asOf");
        given().get("/q/metrics").then().statusCode(200).body(containsString(
                "canopy_dead_letters_total{consumer=\"certificate.deposits\",topic=\"canopy.deposits.v1\""));
    }

    @Test
    void outcomesGarbageIsDeadLetteredAndTheNextOutcomeIsApplied() {
        int y = freshYear(db);
        CanopyEvent good = night(dealer, account, feed, LocalDate.of(y, 1, 5));
        PoisonRecords.garbage(bootstrap(), Topics.COLLECTION_OUTCOMES, feed.toString(), good);
        PoisonRecords.withoutType(bootstrap(), Topics.COLLECTION_OUTCOMES, feed.toString());
        sendEvent(Topics.COLLECTION_OUTCOMES, good);
        awaitConsumed("certificate.outcomes", good);

        assertThat(DeadLettered.await(bootstrap(), Topics.COLLECTION_OUTCOMES, feed.toString(), 2, PATIENCE))
                .hasSize(2).allSatisfy(r -> assertParkedFrom(r, Topics.COLLECTION_OUTCOMES));
    }

    @Test
    void healthGarbageIsDeadLetteredAndTheNextHealthChangeIsApplied() {
        int y = freshYear(db);
        LocalDate asOf = LocalDate.of(y, 1, 6);
        CanopyEvent good = new FeedHealthChanged(dealer, account, feed, UUID.randomUUID(), HealthStatus.HEALTHY, null, asOf,
                asOf, Instant.parse(asOf + "T03:30:00Z"));
        PoisonRecords.garbage(bootstrap(), Topics.HEALTH, feed.toString(), good);
        sendEvent(Topics.HEALTH, good);
        awaitConsumed("certificate.health", good);

        assertThat(DeadLettered.await(bootstrap(), Topics.HEALTH, feed.toString(), 1, PATIENCE))
                .hasSize(1).allSatisfy(r -> assertParkedFrom(r, Topics.HEALTH));
    }

    private void awaitConsumed(String consumer, CanopyEvent event) {
        await(consumer + " consumed " + event.eventId(), () -> count(db,
                "SELECT count(*) FROM consumed_message WHERE consumer = ? AND message_id = ?", consumer,
                event.eventId().toString()) == 1);
    }

    static void assertParkedFrom(ConsumerRecord<String, byte[]> record, String source) {
        assertThat(record.topic()).isEqualTo(source + ".dead-letter.v1");
        assertThat(DeadLettered.header(record, DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(DeadLettered.header(record, DeadLetterHeaders.TOPIC)).isEqualTo(source);
        assertThat(DeadLettered.header(record, DeadLetterHeaders.PARTITION)).matches("\\d+");
        assertThat(DeadLettered.header(record, DeadLetterHeaders.OFFSET)).matches("\\d+");
    }
}
