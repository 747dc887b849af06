package io.canopy.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class KafkaClientSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    private static final Config STRIMZI = config(Map.of(
            "kafka.bootstrap.servers", "canopy-kafka-bootstrap:9093",
            "kafka.security.protocol", "SASL_SSL",
            "kafka.sasl.mechanism", "SCRAM-SHA-512",
            "kafka.ssl.truststore.type", "PEM",
            "kafka.auto.offset.reset", "latest", // a SmallRye channel default, not a connection setting
            "mp.messaging.incoming.x.topic", "x"));

    @Test
    void ourClientsConnectWithTheServicesGlobalKafkaConnectionAndSecuritySettingsOnly() {
        assertThat(KafkaClientSettings.connection(STRIMZI)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "canopy-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.type", "PEM"));
    }

    @Test
    void producersAreIdempotentWithAllAcksAndConsumersCommitOnlyWhatTheyStored() {
        Map<String, Object> producer = KafkaClientSettings.producer(STRIMZI, "metering-outbox");
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "metering-outbox")
                .containsEntry("security.protocol", "SASL_SSL");

        Map<String, Object> consumer = KafkaClientSettings.consumer(STRIMZI, "metering.readings");
        assertThat(consumer).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "metering.readings")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }
}
