package io.canopy.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.canopy.localstack.testing.OpenApiFuzz;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed parameters, path segments and bodies for every endpoint in collector-service's OpenAPI
 * document: none may answer 5xx, and every 4xx is problem+json naming what is wrong.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class CollectorInputFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void noMalformedInputGetsA5xxAndEveryRefusalIsAProblem() {
        UUID dealer = UUID.randomUUID();
        OpenApiFuzz.Report report = OpenApiFuzz.forService("collector-service", base, () -> DealerTokens.bearer(dealer))
                .authorizeUnder("/internal/", () -> "Bearer test-service-token")
                .run().assertNoFindings();
        assertThat(report.operations()).isPositive();
    }
}
