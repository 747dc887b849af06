package io.canopy.health;

import static io.canopy.health.HealthTestSupport.awaitPublished;
import static io.canopy.health.HealthTestSupport.checkPassed;
import static io.canopy.health.HealthTestSupport.failedNight;
import static io.canopy.health.HealthTestSupport.feedStatus;
import static io.canopy.health.HealthTestSupport.march;
import static io.canopy.health.HealthTestSupport.night;
import static io.canopy.health.HealthTestSupport.ofType;
import static io.canopy.health.HealthTestSupport.sendAndAwait;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.events.ServerHealthChanged;
import io.canopy.health.HealthTestSupport.Fleet;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Server failure and recovery against the real broker and database. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "health"))
class ServerHealthFlowTest {

    @Inject
    DataSource db;

    @Test
    void anUnreachableServerIsUnhealthyAtOnceItsFeedsSaySoAndOnePassingCheckRecoversIt() {
        Fleet f = Fleet.random("UTC");
        Fleet sibling = f.anotherFeedOnTheSameServer();
        sendAndAwait(db, night(f, march(3), march(2)), night(sibling, march(3), march(2)));

        sendAndAwait(db, failedNight(f, march(4), FailureKind.UNREACHABLE));
        assertThat(HealthTestSupport.text(db, "SELECT status || '/' || reason FROM server_health WHERE server_id = ?", f.server())).isEqualTo("UNHEALTHY/UNREACHABLE");
        assertThat(feedStatus(db, f.feed())).isEqualTo("UNHEALTHY/SERVER_UNHEALTHY");
        assertThat(feedStatus(db, sibling.feed())).as("every feed of the server").isEqualTo("UNHEALTHY/SERVER_UNHEALTHY");

        // More failures of the same kind: no second alarm.
        sendAndAwait(db, failedNight(sibling, march(4), FailureKind.UNREACHABLE), failedNight(f, march(5), FailureKind.UNREACHABLE));

        sendAndAwait(db, checkPassed(f, march(5), 3));
        assertThat(HealthTestSupport.text(db, "SELECT status FROM server_health WHERE server_id = ?", f.server()))
                .isEqualTo("HEALTHY");
        assertThat(feedStatus(db, f.feed())).isEqualTo("HEALTHY");

        List<ServerHealthChanged> server = ofType(awaitPublished(db, f.server()), ServerHealthChanged.class);
        assertThat(server).extracting(ServerHealthChanged::status).containsExactly(HealthStatus.UNHEALTHY, HealthStatus.HEALTHY);
        assertThat(server.get(0).reason()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(server.get(0).asOf()).isEqualTo(march(4));

        List<CanopyEvent> feed = awaitPublished(db, f.feed());
        assertThat(ofType(feed, FeedHealthChanged.class)).extracting(FeedHealthChanged::reason)
                .containsExactly(FeedHealthReason.SERVER_UNHEALTHY, null);
        assertThat(ofType(feed, BackfillRequested.class)).as("nothing was missed in a one-night outage").isEmpty();
    }

    @Test
    void anEventNamingAnotherDealersServerOrFeedChangesNothing() {
        Fleet f = Fleet.random("UTC");
        sendAndAwait(db, night(f, march(3), march(2)));
        Fleet impostor = new Fleet(java.util.UUID.randomUUID(), f.account(), f.feed(), f.server(), "UTC");

        sendAndAwait(db, failedNight(impostor, march(4), FailureKind.AUTH_REJECTED));

        assertThat(HealthTestSupport.text(db, "SELECT status FROM server_health WHERE server_id = ?", f.server()))
                .isEqualTo("HEALTHY");
        assertThat(feedStatus(db, f.feed())).isEqualTo("HEALTHY");
        assertThat(HealthTestSupport.count(db, "SELECT count(*) FROM feed_night WHERE feed_id = ?", f.feed())).isEqualTo(1);
    }

    @Test
    void aVendorErrorOfOneFeedDoesNotMarkTheServer() {
        Fleet f = Fleet.random("UTC");
        sendAndAwait(db, night(f, march(3), march(2)), failedNight(f, march(4), FailureKind.VENDOR_ERROR));

        assertThat(HealthTestSupport.text(db, "SELECT status FROM server_health WHERE server_id = ?", f.server()))
                .isEqualTo("HEALTHY");
        assertThat(feedStatus(db, f.feed())).isEqualTo("HEALTHY");
        assertThat(HealthTestSupport.integer(db, "SELECT consecutive_failures FROM feed_health WHERE feed_id = ?", f.feed()))
                .isEqualTo(1);
    }
}
