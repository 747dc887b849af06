package io.canopy.health;

import static io.canopy.health.HealthTestSupport.bootstrap;
import static io.canopy.health.HealthTestSupport.deposit;
import static io.canopy.health.HealthTestSupport.march;
import static io.canopy.health.HealthTestSupport.night;
import static io.canopy.health.HealthTestSupport.sendAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.health.HealthTestSupport.Fleet;
import io.canopy.kit.deadletter.DeadLetterHeaders;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DeadLettered;
import io.canopy.localstack.testing.PoisonRecords;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Both of health's channels: unreadable records are parked with why and where from; the next record is applied. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "health"))
class PoisonRecordsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    DataSource db;

    @Test
    void outcomesGarbageIsDeadLetteredAndTheNextOutcomeIsApplied() {
        Fleet f = Fleet.random("UTC");
        PoisonRecords.garbage(bootstrap(), Topics.COLLECTION_OUTCOMES, f.feed().toString(), night(f, march(3), march(2)));
        PoisonRecords.withoutType(bootstrap(), Topics.COLLECTION_OUTCOMES, f.feed().toString());
        sendAndAwait(db, night(f, march(3), march(2)));

        assertThat(DeadLettered.await(bootstrap(), Topics.COLLECTION_OUTCOMES, f.feed().toString(), 2, PATIENCE))
                .hasSize(2).allSatisfy(r -> assertParkedFrom(r, Topics.COLLECTION_OUTCOMES));
    }

    @Test
    void aDepositWithoutAsOfIsDeadLetteredAndTheNextDepositIsApplied() {
        Fleet f = Fleet.random("UTC");
        DepositRecorded good = deposit(f, march(2), 100, march(3));
        PoisonRecords.withoutField(bootstrap(), Topics.DEPOSITS, deposit(f, march(1), 5, march(3)), "asOf");
        PoisonRecords.garbage(bootstrap(), Topics.DEPOSITS, f.account().toString(), good);
        sendAndAwait(db, good);

        var parked = DeadLettered.await(bootstrap(), Topics.DEPOSITS, f.account().toString(), 2, PATIENCE);
        assertThat(parked).hasSize(2).allSatisfy(r -> assertParkedFrom(r, Topics.DEPOSITS));
        assertThat(DeadLettered.header(parked.get(0), DeadLetterHeaders.REASON)).contains("asOf");
    }

    static void assertParkedFrom(ConsumerRecord<String, byte[]> record, String source) {
        assertThat(record.topic()).isEqualTo(Topics.deadLetterOf(source));
        assertThat(DeadLettered.header(record, DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(DeadLettered.header(record, DeadLetterHeaders.TOPIC)).isEqualTo(source);
        assertThat(DeadLettered.header(record, DeadLetterHeaders.PARTITION)).matches("\\d+");
        assertThat(DeadLettered.header(record, DeadLetterHeaders.OFFSET)).matches("\\d+");
    }
}
