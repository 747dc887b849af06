package io.canopy.metering;

import static io.canopy.localstack.testing.Eventually.await;
import static io.canopy.metering.MeteringTestSupport.DAY0;
import static io.canopy.metering.MeteringTestSupport.count;
import static io.canopy.metering.MeteringTestSupport.deposits;
import static io.canopy.metering.MeteringTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.localstack.LocalStackResource;
import io.canopy.metering.MeteringTestSupport.Feed;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A nightly run continues each device from its stored checkpoint (issue #18: no reading of the whole
 * history per completion) and gets the numbers a computation from every reading gets, counter
 * segments included.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class DeviceCheckpointTest {

    @Inject
    DataSource dataSource;

    @Test
    void nightAfterNightADeviceContinuesFromItsCheckpointAcrossAReset() {
        Feed feed = Feed.random();
        long[] counter = { 10_000, 10_100, 40, 100 }; // night 2: the counter was reset (a new segment)
        for (int night = 0; night < counter.length; night++) {
            DateWindow window = DateWindow.day(DAY0.plusDays(night));
            UUID request = feed.request(window, CollectionPurpose.NIGHTLY);
            send(List.of(feed.snapshot(request, "A", night, counter[night]),
                    feed.completed(request, window, CollectionPurpose.NIGHTLY, 1)));
            int deposited = night;
            int n = night;
            await("night " + night, () -> deposits(dataSource, feed.feedId()).size() == deposited
                    && count(dataSource, "SELECT count(*) FROM device_state WHERE feed_id = ? AND last_reading_time"
                            + " >= ?::timestamptz", feed.feedId(), DAY0.plusDays(n) + "T23:00:00Z") == 1);
            assertThat(count(dataSource, "SELECT count(*) FROM device_state WHERE feed_id = ? AND continue_after IS NOT NULL",
                    feed.feedId())).as("night %d leaves a checkpoint", night).isEqualTo(1);
        }

        assertThat(MeteringLedgerTest.pagesPerDay(deposits(dataSource, feed.feedId())))
                .isEqualTo(Map.of(DAY0.plusDays(1), 100L, DAY0.plusDays(2), 40L, DAY0.plusDays(3), 60L));
        assertThat(count(dataSource, "SELECT count(*) FROM device_state WHERE feed_id = ? AND initial_count = 10000"
                + " AND latest_count = 100 AND life_count = 200 AND segments = 2", feed.feedId())).isEqualTo(1);
        assertThat(count(dataSource, """
                SELECT (e.body->'devices'->0->>'segment')::bigint FROM deposit d JOIN deposit_explanation e USING (deposit_id)
                 WHERE d.feed_id = ? AND d.service_date = ?::date""", feed.feedId(), DAY0.plusDays(3).toString()))
                .as("the step after the reset is in segment 2, though computed from the checkpoint").isEqualTo(2);
    }
}
