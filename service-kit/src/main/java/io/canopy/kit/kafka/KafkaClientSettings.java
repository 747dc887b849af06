package io.canopy.kit.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

/**
 * Settings for the Kafka clients we create ourselves (outside SmallRye Reactive Messaging): the outbox
 * relay, the dead-letter producer, metering's readings consumer. Connection and security come from the
 * service's global {@code kafka.*} configuration, the same keys SmallRye reads, so Strimzi's TLS/SCRAM
 * settings reach these clients too; the rest is our one policy for keys, values and delivery.
 */
public final class KafkaClientSettings {

    private static final String PREFIX = "kafka.";

    private KafkaClientSettings() {
    }

    /** {@code kafka.bootstrap.servers} and the {@code kafka.security.*}, {@code kafka.sasl.*}, {@code kafka.ssl.*} settings. */
    public static Map<String, Object> connection(Config config) {
        Map<String, Object> props = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String kafkaName = name.substring(PREFIX.length());
            if (kafkaName.equals("bootstrap.servers") || kafkaName.startsWith("security.")
                    || kafkaName.startsWith("sasl.") || kafkaName.startsWith("ssl.")) {
                config.getOptionalValue(name, String.class).ifPresent(value -> props.put(kafkaName, value));
            }
        }
        return props;
    }

    /**
     * A producer of string keys and byte[] values, idempotent with acks=all: a retried send never
     * duplicates or reorders.
     */
    public static Map<String, Object> producer(Config config, String clientId) {
        Map<String, Object> props = connection(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * A consumer of string keys and byte[] values in a group, that commits offsets itself (only after
     * the record's effect is stored, DESIGN.md rule 3), starts from the earliest offset a new group has
     * and sees only committed transactions.
     */
    public static Map<String, Object> consumer(Config config, String groupId) {
        Map<String, Object> props = connection(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
