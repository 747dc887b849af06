package io.canopy.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.EventType;
import io.canopy.kit.inbox.EventRecords;
import io.canopy.kit.outbox.Outbox;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.TopicContents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The relay keeps several batches in flight (small batches here, so a few hundred rows make a
 * long pipeline): every row still goes out exactly once when nothing fails, in the order it was
 * appended, and a row that committed late with a lower position than rows already sent is not skipped.
 */
@QuarkusTest
@TestProfile(OutboxPipelineTest.SmallBatches.class)
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "kit"))
class OutboxPipelineTest {

    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("canopy.outbox.batch-size", "25", "canopy.outbox.pipeline-depth", "3");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void manyBatchesInFlightPublishEveryRowOnceInTheOrderItWasAppended() throws Exception {
        UUID account = UUID.randomUUID();
        List<DepositRecorded> events = new ArrayList<>();
        for (int pages = 1; pages <= 600; pages++) {
            events.add(KitTestResource.event(new KitTestResource.Deposit(UUID.randomUUID(), account, pages)));
        }
        QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(events, KitTestResource.TOPIC));

        List<Long> published = awaitPagesOf(account, 600);
        List<Long> appended = events.stream().map(DepositRecorded::standardPages).toList();
        assertThat(published).as("one record per row, in the appended order (one key, one partition)")
                .containsExactlyElementsOf(appended);
    }

    @Test
    void aRowCommittedAfterRowsWithHigherPositionsIsPublishedToo() throws Exception {
        UUID account = UUID.randomUUID();
        DepositRecorded late = KitTestResource.event(new KitTestResource.Deposit(UUID.randomUUID(), account, 1));
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, late); // takes its position now, commits only after the rows below went out
            List<DepositRecorded> meanwhile = new ArrayList<>();
            for (int pages = 2; pages <= 201; pages++) {
                meanwhile.add(KitTestResource.event(new KitTestResource.Deposit(UUID.randomUUID(), account, pages)));
            }
            QuarkusTransaction.requiringNew().run(() -> outbox.appendAll(meanwhile, KitTestResource.TOPIC));
            awaitPagesOf(account, 200);
            slow.commit();
        }
        List<Long> published = awaitPagesOf(account, 201);
        assertThat(published).as("the late row once, after the others").hasSize(201).endsWith(1L);
    }

    /** What {@link Outbox} writes, by hand, on a connection whose transaction the test controls. */
    private static void insert(Connection connection, DepositRecorded event) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, dealer_id)
                VALUES (?, ?, ?, ?, ?::jsonb, ?)""")) {
            insert.setString(1, event.eventId().toString());
            insert.setString(2, KitTestResource.TOPIC);
            insert.setString(3, event.partitionKey());
            insert.setString(4, EventType.of(event).ceType());
            insert.setString(5, EventJson.writeString(event));
            insert.setString(6, event.dealerId().toString());
            insert.executeUpdate();
        }
    }

    /** The pages of the account's records on the topic, in topic order, once there are at least {@code count}. */
    private List<Long> awaitPagesOf(UUID account, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> pages = List.of();
        while (System.nanoTime() < deadline) {
            pages = pagesOf(account);
            if (pages.size() >= count) {
                Thread.sleep(500); // a duplicate would arrive right behind
                return pagesOf(account);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + pages.size() + " of " + count + " records of account " + account
                + " were published within 60 s");
    }

    private List<Long> pagesOf(UUID account) {
        List<Long> pages = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicContents.read(bootstrap, KitTestResource.TOPIC,
                Duration.ofSeconds(30))) {
            if (account.toString().equals(record.key())) {
                pages.add(((DepositRecorded) EventRecords.decode(record)).standardPages());
            }
        }
        return pages;
    }
}
