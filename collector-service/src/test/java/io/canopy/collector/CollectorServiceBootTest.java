package io.canopy.collector;

import java.util.List;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.ServiceBootContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Boots against the real broker of local-stack; owns no database (stateless workers). */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class)
class CollectorServiceBootTest extends ServiceBootContract {

    @Override
    protected List<String> ownedTables() {
        return List.of();
    }
}
