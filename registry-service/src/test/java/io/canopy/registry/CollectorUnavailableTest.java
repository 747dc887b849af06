package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.CREDENTIALS;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * When collector cannot answer (slow, failing, gone) a dealer registering a server gets 503
 * problem+json with Retry-After, never a 500; and one server's trouble does not close registration
 * for everybody else (no breaker shared across servers).
 */
@QuarkusTest
@TestProfile(StubCollectorProfile.class)
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
class CollectorUnavailableTest {

    /** More failing calls than the old shared breaker's request volume (10) needed to open. */
    static final int FAILING_REGISTRATIONS = 5;

    final CollectorStub collector = CollectorStub.shared();

    @BeforeEach
    void acceptingCollector() {
        collector.reset(CollectorStub.Mode.ACCEPT);
    }

    @AfterEach
    void collectorBack() {
        collector.reset(CollectorStub.Mode.ACCEPT);
    }

    static Map<String, Object> server() {
        return Map.of("type", VendorType.MPS_MONITOR.wireName(), "url", ServerUrlGuardTest.URL_A, "credentials",
                CREDENTIALS.get(VendorType.MPS_MONITOR));
    }

    @Test
    void aCollectorSlowerThanTheReadTimeoutIs503WithRetryAfterAndIsNotAskedTwice() {
        var dealer = newDealer("Slow collector");
        collector.mode(CollectorStub.Mode.SLOW);
        dealer.api().body(server()).post("/v1/servers").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", equalTo("30"))
                .body("detail", containsString("did not finish in time"));
        assertThat(collector.requests()).hasSize(1);
        dealer.api().get("/v1/servers").then().body("total", equalTo(0));
    }

    @Test
    void aGoneCollectorIs503() {
        var dealer = newDealer("Gone collector");
        collector.stop();
        try {
            dealer.api().body(server()).post("/v1/servers").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", equalTo("30"))
                    .body("detail", containsString("collector-service unavailable"));
        } finally {
            collector.restart();
        }
    }

    @Test
    void collectorTroubleWithOneServerDoesNotCloseRegistrationForOthers() {
        var unlucky = newDealer("Unlucky dealer");
        collector.mode(CollectorStub.Mode.FAIL);
        for (int i = 0; i < FAILING_REGISTRATIONS; i++) {
            unlucky.api().body(server()).post("/v1/servers").then().statusCode(503)
                    .contentType("application/problem+json");
        }
        collector.mode(CollectorStub.Mode.ACCEPT);
        var other = newDealer("Other dealer");
        other.api().body(server()).post("/v1/servers").then().statusCode(201);
    }
}
