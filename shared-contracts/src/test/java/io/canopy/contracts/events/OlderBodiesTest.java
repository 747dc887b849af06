package io.canopy.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bodies written before a field was renamed still read: a consumer replaying a topic, or running
 * next to a collector of the previous release, loses nothing.
 */
class OlderBodiesTest {

    @Test
    void aCollectionSucceededWithLastAuditDateReadsItAsNewestDataDate() throws Exception {
        CollectionSucceeded sample = sample(CollectionSucceeded.class);
        ObjectNode body = (ObjectNode) EventJson.mapper().readTree(EventJson.write(sample));
        body.remove("newestDataDate");
        body.put("lastAuditDate", "2026-02-14");

        CollectionSucceeded read = EventJson.read(body.toString().getBytes(StandardCharsets.UTF_8),
                CollectionSucceeded.class);

        assertThat(read.newestDataDate()).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(EventJson.writeString(read)).contains("\"newestDataDate\"").doesNotContain("lastAuditDate");
    }

    @Test
    void aUsageAggregateWithLastAuditDateReadsItAsNewestDataDate() throws Exception {
        UsageAggregate sample = sample(UsageAggregate.class);
        ObjectNode body = (ObjectNode) EventJson.mapper().readTree(EventJson.write(sample));
        body.remove("newestDataDate");
        body.put("lastAuditDate", "2026-02-13");

        UsageAggregate read = EventJson.read(body.toString().getBytes(StandardCharsets.UTF_8), UsageAggregate.class);

        assertThat(read.newestDataDate()).isEqualTo(LocalDate.of(2026, 2, 13));
    }

    private static <T extends CanopyEvent> T sample(Class<T> type) {
        return SampleEvents.all().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
