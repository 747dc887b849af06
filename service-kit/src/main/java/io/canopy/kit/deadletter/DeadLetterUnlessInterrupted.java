package io.canopy.kit.deadletter;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.canopy.kit.inbox.Interrupted;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;

/**
 * The failure strategy of every SmallRye channel of ours
 * ({@code failure-strategy=}{@value #NAME}): SmallRye's {@code dead-letter-queue}, except for a
 * record whose consumer was interrupted while applying it. The {@link io.canopy.kit.inbox.Inbox}
 * retries a good record until it is applied, so the only way a good record can fail is the service
 * shutting down mid-retry (the worker pool interrupts its threads); dead-lettering it then would
 * take a good deposit out of the stream. Such a record is left unacknowledged instead: the throttled
 * commit strategy never commits past it, and it is redelivered after the restart or rebalance.
 * Everything else (a record the {@code Inbox} found to be poison) goes to
 * {@code <topic>.dead-letter.v1} as before, with the same {@code dead-letter-queue.*} settings.
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessInterrupted.NAME)
public class DeadLetterUnlessInterrupted implements KafkaFailureHandler.Factory {

    public static final String NAME = "canopy-dead-letter-queue";

    private static final Logger LOG = Logger.getLogger(DeadLetterUnlessInterrupted.class);

    @Inject
    @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
    KafkaFailureHandler.Factory deadLetterQueue;

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        return handler(config.getChannel(), deadLetterQueue.create(config, vertx, consumer, reportFailure));
    }

    /** The handler for one channel around SmallRye's dead-letter queue for it. */
    static KafkaFailureHandler handler(String channel, KafkaFailureHandler deadLetters) {
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (Interrupted.isIn(reason)) {
                    LOG.infof("%s: %s-%d@%d left unacknowledged (interrupted while applying); it is redelivered",
                            channel, record.getTopic(), record.getPartition(), record.getOffset());
                    return Uni.createFrom().nothing();
                }
                return deadLetters.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                deadLetters.terminate();
            }
        };
    }
}
