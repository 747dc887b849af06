package io.canopy.health;

import java.util.List;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.ServiceBootContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Boots against the real broker and database of local-stack. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "health"))
class HealthServiceBootTest extends ServiceBootContract {

    @Override
    protected List<String> ownedTables() {
        return List.of("outbox_event", "consumed_message", "dealer_business_day", "server_night", "server_health", "feed_night",
                "feed_health", "feed_health_history");
    }
}
