package io.canopy.registry;

import java.util.List;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.ServiceBootContract;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Boots against the real broker and database of local-stack. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
// the same resources as every other test class, so Quarkus boots registry once for all of them
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class RegistryServiceBootTest extends ServiceBootContract {

    @Override
    protected List<String> ownedTables() {
        return List.of("outbox_event", "consumed_message", "dealer", "api_key", "account", "server", "feed",
                "collection_run", "idempotent_request");
    }
}
