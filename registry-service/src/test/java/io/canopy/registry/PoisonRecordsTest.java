package io.canopy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.events.ServerCheckPassed;
import io.canopy.contracts.events.ServerHealthChanged;
import io.canopy.contracts.events.VendorType;
import io.canopy.kit.deadletter.DeadLetterHeaders;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DeadLettered;
import io.canopy.localstack.testing.PoisonRecords;
import io.canopy.localstack.testing.Sql;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Both of registry's channels: unreadable records are parked with why and where from; the next record is applied. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
class PoisonRecordsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    DataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void outcomesGarbageIsDeadLetteredAndTheNextOutcomeIsApplied() {
        UUID server = UUID.randomUUID();
        CanopyEvent good = new ServerCheckPassed(UUID.randomUUID(), UUID.randomUUID(), server, VendorType.MPS_MONITOR,
                LocalDate.parse("2026-02-05"), Instant.parse("2026-02-05T03:00:00Z"));
        PoisonRecords.garbage(bootstrap, Topics.COLLECTION_OUTCOMES, good.partitionKey(), good);
        PoisonRecords.withoutType(bootstrap, Topics.COLLECTION_OUTCOMES, good.partitionKey());
        RegistryTestSupport.send(Topics.COLLECTION_OUTCOMES, good);
        awaitConsumed("registry.outcomes", good);

        assertThat(DeadLettered.await(bootstrap, Topics.COLLECTION_OUTCOMES, good.partitionKey(), 2, PATIENCE))
                .hasSize(2).allSatisfy(r -> assertParkedFrom(r, Topics.COLLECTION_OUTCOMES));
    }

    @Test
    void healthGarbageIsDeadLetteredAndTheNextHealthChangeIsApplied() {
        CanopyEvent good = new ServerHealthChanged(UUID.randomUUID(), UUID.randomUUID(), HealthStatus.UNHEALTHY,
                FailureKind.UNREACHABLE, "down", LocalDate.parse("2026-02-09"), Instant.parse("2026-02-09T03:00:00Z"));
        PoisonRecords.garbage(bootstrap, Topics.HEALTH, good.partitionKey(), good);
        RegistryTestSupport.send(Topics.HEALTH, good);
        awaitConsumed("registry.health", good);

        assertThat(DeadLettered.await(bootstrap, Topics.HEALTH, good.partitionKey(), 1, PATIENCE))
                .hasSize(1).allSatisfy(r -> assertParkedFrom(r, Topics.HEALTH));
    }

    private void awaitConsumed(String consumer, CanopyEvent event) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (Sql.single(db, "SELECT count(*) FROM consumed_message WHERE consumer = ? AND message_id = ?",
                rs -> rs.getLong(1), consumer, event.eventId().toString()) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(consumer + " did not consume " + event.eventId() + " within " + PATIENCE);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void assertParkedFrom(ConsumerRecord<String, byte[]> record, String source) {
        assertThat(record.topic()).isEqualTo(Topics.deadLetterOf(source));
        assertThat(DeadLettered.header(record, DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(DeadLettered.header(record, DeadLetterHeaders.TOPIC)).isEqualTo(source);
        assertThat(DeadLettered.header(record, DeadLetterHeaders.PARTITION)).matches("\\d+");
        assertThat(DeadLettered.header(record, DeadLetterHeaders.OFFSET)).matches("\\d+");
    }
}
