package io.canopy.collector;

import static io.canopy.collector.CollectorTestSupport.bootstrap;
import static io.canopy.collector.CollectorTestSupport.eventsOf;
import static io.canopy.collector.CollectorTestSupport.nightly;
import static io.canopy.collector.CollectorTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.VendorType;
import io.canopy.kit.deadletter.DeadLetterHeaders;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DeadLettered;
import io.canopy.localstack.testing.PoisonRecords;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A collection request nobody can read is parked with why and where from; the request behind it is collected. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class PoisonRequestTest {

    @Test
    void anUnreadableRequestIsDeadLetteredAndTheNextRequestIsCollected() {
        CollectionRequested good = nightly(VendorType.ONESTOP, "1042", null, "UTC",
                DateWindow.of(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 12)));
        String key = good.partitionKey();
        PoisonRecords.garbage(bootstrap(), Topics.COLLECTION_REQUESTS, key, good);
        send(good);

        assertThat(eventsOf(Topics.COLLECTION_OUTCOMES, good.requestId(), events -> !events.isEmpty()))
                .singleElement().isInstanceOf(CollectionSucceeded.class);
        var parked = DeadLettered.await(bootstrap(), Topics.COLLECTION_REQUESTS, key, 1, Duration.ofSeconds(60));
        assertThat(parked).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("canopy.collection.requests.v1.dead-letter.v1");
            assertThat(DeadLettered.header(record, DeadLetterHeaders.REASON)).contains("CollectionRequested");
            assertThat(DeadLettered.header(record, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.COLLECTION_REQUESTS);
            assertThat(DeadLettered.header(record, DeadLetterHeaders.PARTITION)).matches("\\d+");
            assertThat(DeadLettered.header(record, DeadLetterHeaders.OFFSET)).matches("\\d+");
        });
    }
}
