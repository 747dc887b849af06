package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.testing.KafkaProbe;

class LocalStackTest {

    @Test
    void sharedStackIsStartedOnceAndConfiguresAQuarkusService() {
        Infrastructure first = LocalStack.shared();
        assertThat(LocalStack.shared()).isSameAs(first);

        var resource = new LocalStackResource();
        resource.init(Map.of(LocalStackResource.DATABASE, "registry"));
        Map<String, String> config = resource.start();

        assertThat(config).containsEntry("kafka.bootstrap.servers", first.kafkaBootstrapServers())
                .containsKey("quarkus.datasource.username");
        assertThat(config.get("quarkus.datasource.jdbc.url")).endsWith("/registry");
        assertThat(KafkaProbe.roundTrip(config.get("kafka.bootstrap.servers"), "local-stack.shared", "x",
                Duration.ofSeconds(30))).isEqualTo("x");
    }

    @Test
    void anotherClassLoaderAttachesToTheServersAlreadyRunningInsteadOfStartingNewOnes() {
        Infrastructure owner = LocalStack.shared();
        // What a second Quarkus test class loader sees: its own LocalStack class with an empty field.
        Infrastructure attached = AttachedInfrastructure.attachIfPublished();

        assertThat(attached).isNotNull();
        assertThat(attached.kafkaBootstrapServers()).isEqualTo(owner.kafkaBootstrapServers());
        assertThat(attached.createDatabase("attached_check")).isEqualTo(owner.createDatabase("attached_check"));
        attached.close();
        assertThat(KafkaProbe.roundTrip(owner.kafkaBootstrapServers(), "local-stack.attached", "still-up",
                Duration.ofSeconds(30))).as("closing an attachment leaves the broker running").isEqualTo("still-up");
    }

    @Test
    void everyTopicOfTheDesignExistsBeforeAnyServiceSubscribes() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                LocalStack.shared().kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(io.canopy.contracts.Topics.ALL);
        }
    }

    @Test
    void withoutADatabaseOnlyKafkaIsConfigured() {
        var resource = new LocalStackResource();
        resource.init(Map.of());
        assertThat(resource.start()).containsOnlyKeys("kafka.bootstrap.servers");
    }

    @Test
    void anUnknownInfraIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> LocalStack.start("h2")).hasMessageContaining("'embedded' or 'testcontainers'");
    }
}
