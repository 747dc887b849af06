package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.admin;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * First half of the outbox crash test: registry commits a night's requests while its relay is
 * down (the state a crash between commit and publish leaves behind). Nothing reached Kafka, every
 * request is in the outbox. {@link OutboxRestartPublishesOnceTest} restarts registry and checks
 * that each request is published exactly once.
 */
@QuarkusTest
@TestProfile(OutboxCrashBeforePublishTest.RelayDown.class)
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
@Order(1)
class OutboxCrashBeforePublishTest {

    static final String PENDING = "canopy.test.outbox.pending";

    public static class RelayDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("canopy.outbox.enabled", "false");
        }
    }

    @Test
    void aCommittedNightWaitsInTheOutboxWhileTheRelayIsDown() throws Exception {
        var dealer = newDealer("Outbox crash");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.PRINT_TRACKER);
        UUID account = RegistryTestSupport.createAccount(dealer, "Grove Dental");
        RegistryTestSupport.createFeed(dealer, account, server, "60a1b2c3d4e5f60718293a4d", "2026-02-01");
        RegistryTestSupport.createFeed(dealer, account, server, "60a1b2c3d4e5f60718293a4e", "2026-02-01");
        admin().body(Map.of("as_of", "2026-02-14")).post("/admin/v1/collection-runs").then().statusCode(202);

        List<String> pending = new ArrayList<>();
        try (var db = RegistryTestSupport.database();
                var query = db.prepareStatement("SELECT event_id, published_at FROM outbox_event "
                        + "WHERE topic = ? AND payload->>'dealerId' = ?")) {
            query.setString(1, Topics.COLLECTION_REQUESTS);
            query.setString(2, dealer.id().toString());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getTimestamp(2)).isNull();
                    pending.add(rows.getString(1));
                }
            }
        }
        assertThat(pending).hasSize(2);
        assertThat(RegistryTestSupport.readAll(Topics.COLLECTION_REQUESTS))
                .noneMatch(r -> pending.contains(RegistryTestSupport.header(r, "ce_id")));
        System.setProperty(PENDING, String.join(",", pending));
    }
}
