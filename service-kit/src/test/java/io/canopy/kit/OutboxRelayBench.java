package io.canopy.kit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.outbox.Outbox;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Relay throughput, not a timed test (excluded by default; run with
 * {@code ./mvnw -B -o verify -pl service-kit -am -Dtest=OutboxRelayBench -Dcanopy.test.excluded-groups=none
 * -Dsurefire.failIfNoSpecifiedTests=false}). ROWS events (registry publishes a night's 10,000
 * collection requests this way) are appended in one transaction; the clock runs from its commit
 * until the relay has published every one of them (acks=all).
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "kit"))
class OutboxRelayBench {

    static final int ROWS = Integer.getInteger("bench.rows", 10_000);

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @Test
    void rowsPerSecondFromCommitToAcknowledged() throws Exception {
        for (int round = 0; round < 2; round++) { // the first warms the JIT and the producer
            List<DepositRecorded> events = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                DepositRecorded event = KitTestResource.event(new KitTestResource.Deposit(UUID.randomUUID(),
                        UUID.randomUUID(), 1 + i));
                events.add(event);
            }
            long appendStart = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(events, KitTestResource.TOPIC));
            double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (unpublished() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the relay did not publish " + ROWS + " rows in 5 minutes");
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%nBENCH outbox relay (round %d): %d rows appended in %.2f s (%.0f rows/s), published"
                    + " in %.2f s after the commit = %.0f rows/s%n%n", round + 1, ROWS, appendSeconds, ROWS / appendSeconds,
                    seconds, ROWS / seconds);
        }
    }

    /** Rows still waiting (the partial index of the relay's own query: cheap, unlike matching 10,000 ids). */
    private long unpublished() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL")) {
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
