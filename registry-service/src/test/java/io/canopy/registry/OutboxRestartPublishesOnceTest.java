package io.canopy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.canopy.localstack.testing.Eventually;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Second half of the outbox crash test: after the restart the relay publishes what the crashed
 * instance committed, each request exactly once, and stamps the rows published.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
@Order(2)
class OutboxRestartPublishesOnceTest {

    @Test
    void afterTheRestartEveryCommittedRequestIsPublishedExactlyOnce() throws Exception {
        String pending = System.getProperty(OutboxCrashBeforePublishTest.PENDING);
        Assumptions.assumeTrue(pending != null, "runs after OutboxCrashBeforePublishTest in the same JVM");
        List<String> ids = List.of(pending.split(","));
        var records = RegistryTestSupport.readUntil(Topics.COLLECTION_REQUESTS,
                all -> ids.stream().allMatch(id -> all.stream().anyMatch(r -> id.equals(RegistryTestSupport.header(r, "ce_id")))),
                Duration.ofSeconds(60));
        for (String id : ids) {
            assertThat(records.stream().filter(r -> id.equals(RegistryTestSupport.header(r, "ce_id")))).hasSize(1);
        }
        Eventually.await("the rows to be stamped published", Duration.ofSeconds(30), () -> {
            try (var db = RegistryTestSupport.database();
                    var query = db.prepareStatement(
                            "SELECT count(*) FROM outbox_event WHERE event_id = ANY (?) AND published_at IS NOT NULL")) {
                query.setArray(1, db.createArrayOf("text", ids.toArray()));
                try (var rs = query.executeQuery()) {
                    return rs.next() && rs.getInt(1) == ids.size();
                }
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        });
    }
}
