package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.testing.KafkaProbe;

/** The opt-in Docker path; skipped (not failed) on machines without a Docker engine, like ours. */
class TestcontainersInfrastructureTest {

    @Test
    void containersServeTheSameContract() throws Exception {
        assumeTrue(TestcontainersInfrastructure.dockerAvailable(), "no Docker engine: the testcontainers path is opt-in");
        try (Infrastructure infra = TestcontainersInfrastructure.start()) {
            assertThat(KafkaProbe.roundTrip(infra.kafkaBootstrapServers(), "tc.probe", "y", Duration.ofSeconds(60)))
                    .isEqualTo("y");
            String url = infra.createDatabase("health");
            try (var c = DriverManager.getConnection(url, infra.databaseUsername(), infra.databasePassword())) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void withoutDockerTheErrorSaysWhatToDo() {
        assumeTrue(!TestcontainersInfrastructure.dockerAvailable());
        org.assertj.core.api.Assertions.assertThatThrownBy(TestcontainersInfrastructure::start)
                .hasMessageContaining("needs a Docker engine");
    }
}
