package io.canopy.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.canopy.kit.deadletter.DeadLetterUnlessInterrupted;
import io.canopy.kit.health.Workers;

/**
 * A service shutting down while a good record is being retried (PostgreSQL away) interrupts the
 * consuming thread. The retries must end with {@link Interrupted} (which
 * {@link DeadLetterUnlessInterrupted} leaves unacknowledged), never with an exception the
 * dead-letter strategy would take as a verdict on the record.
 */
class InboxInterruptionTest {

    @Test
    void anInterruptionMidRetryEndsTheRetriesAsInterruptedNotAsAFailureOfTheRecord() throws Exception {
        Inbox inbox = new Inbox();
        inbox.workers = new Workers();
        inbox.config = () -> new InboxConfig.Retry() {
            @Override
            public Duration initialBackoff() {
                return Duration.ofSeconds(30); // the interruption arrives mid-pause
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofSeconds(30);
            }
        };
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("canopy.deposits.v1", 3, 42L, "key", new byte[0]);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch failedOnce = new CountDownLatch(1);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            try {
                inbox.applyUntilDone("test.deposits", record, () -> {
                    attempts.incrementAndGet();
                    failedOnce.countDown();
                    throw new IllegalStateException("database away", new java.sql.SQLException("refused", "08001"));
                });
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        consumer.start();
        assertThat(failedOnce.await(10, TimeUnit.SECONDS)).isTrue();

        consumer.interrupt();
        Throwable failure = ended.get(10, TimeUnit.SECONDS);

        assertThat(failure).isInstanceOf(Interrupted.class).hasMessageContaining("canopy.deposits.v1-3@42");
        assertThat(Interrupted.isIn(failure)).isTrue();
        assertThat(Failures.isPoison(failure)).as("not a verdict on the record").isFalse();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void interruptionsAreFoundWhereverTheyAreWrapped() {
        assertThat(Interrupted.isIn(new RuntimeException(new InterruptedException()))).isTrue();
        assertThat(Interrupted.isIn(new RuntimeException(new UndecodableRecord("no ce_type", null)))).isFalse();
        assertThat(Interrupted.isIn(null)).isFalse();
    }
}
