package io.canopy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.testing.DealerTokens;
import io.canopy.localstack.testing.OpenApiFuzz;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Malformed parameters, path segments and bodies for every endpoint in health-service's OpenAPI
 * document: none may answer 5xx, and every 4xx is problem+json naming what is wrong.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "health"))
class HealthInputFuzzTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void noMalformedInputGetsA5xxAndEveryRefusalIsAProblem() {
        UUID dealer = UUID.randomUUID();
        OpenApiFuzz.Report report = OpenApiFuzz.forService("health-service", base, () -> DealerTokens.bearer(dealer))
                .authorizeUnder("/admin/", () -> "Bearer test-admin-token")
                .run().assertNoFindings();
        assertThat(report.operations()).isPositive();
    }
}
