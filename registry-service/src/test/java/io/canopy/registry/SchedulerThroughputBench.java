package io.canopy.registry;

import static org.assertj.core.api.Assertions.assertThat;


import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalStackResource;
import io.canopy.registry.service.CollectionRuns;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * How long a night of 10,000 feeds (100 dealers × 10 servers × 10 feeds) takes to schedule: the
 * feeds read in keyset batches and 10,000 requests written to the outbox. Run on purpose:
 * {@code ../mvnw -B test -Dtest=SchedulerThroughputBench -Dcanopy.test.excluded-groups=none}.
 * The relay is off (measured separately by service-kit), so the figure is the scheduler's own.
 */
@QuarkusTest
@TestProfile(OutboxCrashBeforePublishTest.RelayDown.class)
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
@Tag("bench")
class SchedulerThroughputBench {

    static final int DEALERS = 100;
    static final int SERVERS_PER_DEALER = 10;
    static final int FEEDS_PER_SERVER = 10;

    @Inject
    CollectionRuns runs;

    @Test
    void tenThousandFeedsAreScheduledInSeconds() throws Exception {
        try (var db = RegistryTestSupport.database(); var sql = db.createStatement()) {
            sql.execute("DELETE FROM outbox_event WHERE published_at IS NULL");
            sql.execute("""
                    INSERT INTO dealer SELECT md5('bench-d' || d)::uuid, 'bench ' || d, now() FROM generate_series(1, %d) d;
                    INSERT INTO account SELECT md5('bench-a' || d)::uuid, md5('bench-d' || d)::uuid, NULL, 'acct', 'UTC',
                        'active', now(), NULL, now(), now() FROM generate_series(1, %d) d;
                    INSERT INTO server SELECT md5('bench-s' || d || '-' || s)::uuid, md5('bench-d' || d)::uuid, 'mps_monitor',
                        'https://mps.example', 'k1', 'AES-256-GCM', 'bench-not-a-real-envelope', NULL, 1, 'healthy', NULL, NULL,
                        NULL, NULL, now(), now() FROM generate_series(1, %d) d, generate_series(1, %d) s;
                    INSERT INTO feed SELECT md5('bench-f' || d || '-' || s || '-' || f)::uuid, md5('bench-d' || d)::uuid,
                        md5('bench-a' || d)::uuid, md5('bench-s' || d || '-' || s)::uuid,
                        upper(substr(md5('c' || d || s || f), 1, 16)), DATE '2026-02-01', 'all', 'letter', 'active', now(),
                        NULL, NULL, NULL, NULL, 'healthy', NULL, NULL, NULL, now(), now()
                        FROM generate_series(1, %d) d, generate_series(1, %d) s, generate_series(1, %d) f;
                    """.formatted(DEALERS, DEALERS, DEALERS, SERVERS_PER_DEALER, DEALERS, SERVERS_PER_DEALER, FEEDS_PER_SERVER));
        }
        int feeds = DEALERS * SERVERS_PER_DEALER * FEEDS_PER_SERVER;
        long start = System.nanoTime();
        CollectionRuns.RunResult result = runs.run(java.time.LocalDate.parse("2026-02-14"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH scheduler: %d requests written to the outbox in %.2f s (%.0f requests/s)%n",
                result.requested(), seconds, result.requested() / seconds);
        assertThat(result.requested()).isGreaterThanOrEqualTo(feeds);
        try (var db = RegistryTestSupport.database(); var sql = db.createStatement()) {
            // leave nothing for a later relay to publish
            sql.execute("DELETE FROM outbox_event WHERE published_at IS NULL");
            sql.execute("DELETE FROM feed WHERE dealer_id IN (SELECT id FROM dealer WHERE name LIKE 'bench %')");
        }
    }
}
