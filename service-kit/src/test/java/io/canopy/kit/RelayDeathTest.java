package io.canopy.kit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.canopy.kit.health.WorkersReadinessCheck;
import io.canopy.kit.outbox.OutboxRelay;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The relay's thread ending by anything but shutdown is a DOWN pod, not a silent one. Its own
 * profile: the relay stays dead for the rest of this application's life.
 */
@QuarkusTest
@TestProfile(RelayDeathTest.OwnApplication.class)
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "kit"))
class RelayDeathTest {

    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("canopy.workers.liveness-grace", "1s");
        }
    }

    @Test
    void readinessAndThenLivenessGoDownWhenTheRelayThreadDies() throws Exception {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(WorkersReadinessCheck.NAME));

        Thread relay = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("outbox-relay"))
                .findFirst().orElseThrow();
        relay.interrupt(); // ends its loop the way any unexpected exit would
        relay.join(Duration.ofSeconds(10).toMillis());

        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == '" + WorkersReadinessCheck.NAME + "' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == '" + WorkersReadinessCheck.NAME + "' }.data.'" + OutboxRelay.WORKER + "'",
                        org.hamcrest.Matchers.startsWith("stopped"));
        Thread.sleep(1500); // past the liveness grace
        given().get("/q/health/live").then().statusCode(503);
    }
}
