package io.canopy.kit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.canopy.kit.inbox.Interrupted;
import io.canopy.kit.inbox.UndecodableRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

/**
 * The channels' failure strategy: poison goes to SmallRye's dead-letter queue; a record whose
 * consumer was interrupted (shutdown mid-retry) is left unacknowledged, so its offset is never
 * committed and it is redelivered, instead of a good record landing among the dead letters.
 */
class DeadLetterUnlessInterruptedTest {

    private final List<Throwable> deadLettered = new ArrayList<>();

    private final KafkaFailureHandler smallRyeDeadLetterQueue = new KafkaFailureHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            deadLettered.add(reason);
            return Uni.createFrom().voidItem();
        }
    };

    private final KafkaFailureHandler handler = DeadLetterUnlessInterrupted.handler("deposits", smallRyeDeadLetterQueue);

    private final IncomingKafkaRecord<String, byte[]> record = new IncomingKafkaRecord<>(
            new ConsumerRecord<>("canopy.deposits.v1", 0, 7L, "key", new byte[] { 1 }), "deposits", 0, null, null, false,
            false);

    @Test
    void poisonGoesToTheDeadLetterQueue() {
        UndecodableRecord poison = new UndecodableRecord("no ce_type", null);

        handler.handle(record, poison, Metadata.empty()).await().atMost(Duration.ofSeconds(5));

        assertThat(deadLettered).containsExactly(poison);
    }

    @Test
    void aRecordInterruptedMidRetryIsLeftUnacknowledgedNotDeadLettered() {
        Interrupted interrupted = new Interrupted("canopy.deposits.v1-0@7: interrupted while retrying",
                new InterruptedException());

        CompletableFuture<Void> outcome = handler.handle(record, interrupted, Metadata.empty())
                .subscribeAsCompletionStage();

        assertThat(deadLettered).isEmpty();
        assertThat(outcome).as("never acknowledged, never failed: the offset stays uncommitted").isNotDone();
        outcome.cancel(true);
    }
}
