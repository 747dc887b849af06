package io.canopy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.OpenApiFuzz;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed parameters, path segments and bodies for every endpoint in registry-service's OpenAPI
 * document: none may answer 5xx, and every 4xx is problem+json naming what is wrong.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class RegistryInputFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void noMalformedInputGetsA5xxAndEveryRefusalIsAProblem() {
        // A dealer registry knows: a valid token of a dealer registry has no row for is a 500 of its own
        // (FK on account.dealer_id), left to the token/audience work of issue 17 and reported there.
        RegistryTestSupport.Dealer dealer = RegistryTestSupport.newDealer("fuzz-" + UUID.randomUUID());
        OpenApiFuzz.Report report = OpenApiFuzz.forService("registry-service", base, () -> "Bearer " + dealer.token())
                .authorizeUnder("/admin/", () -> "Bearer test-admin-token")
                .run().assertNoFindings();
        assertThat(report.operations()).isPositive();
    }
}
