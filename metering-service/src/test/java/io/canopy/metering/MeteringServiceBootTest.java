package io.canopy.metering;

import java.util.List;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.ServiceBootContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Boots against the real broker and database of local-stack. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class MeteringServiceBootTest extends ServiceBootContract {

    @Override
    protected List<String> ownedTables() {
        return List.of("outbox_event", "consumed_message", "meter_reading", "usage_aggregate", "device_state",
                "device_day_usage", "held_jump", "feed", "parked_request", "deposit", "deposit_explanation");
    }
}
