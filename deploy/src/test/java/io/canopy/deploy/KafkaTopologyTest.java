package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.Topics;

/** Strimzi topics and users against shared-contracts' Topics and DESIGN.md's producer/consumer table. */
class KafkaTopologyTest {

    static Stream<String> overlays() {
        return Kustomize.OVERLAYS.stream();
    }

    private static Map<String, JsonNode> topicsByName(List<JsonNode> objects) {
        Map<String, JsonNode> topics = new HashMap<>();
        Manifests.ofKind(objects, "KafkaTopic").forEach(t -> topics.put(t.path("spec").path("topicName").asText(), t));
        return topics;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContractTopicAndNothingElseHasAKafkaTopic(String overlay) {
        Set<String> expected = new TreeSet<>(Canopy.ALL_TOPICS);

        assertThat(topicsByName(Kustomize.overlay(overlay)).keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicHasExplicitPartitionsReplicasAndIsrThatTheBrokersCanHonour(String overlay) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        int brokers = Manifests.get(objects, "KafkaNodePool", "dual-role").path("spec").path("replicas").asInt();

        topicsByName(objects).forEach((name, topic) -> {
            JsonNode spec = topic.path("spec");
            int replicas = spec.path("replicas").asInt();
            int minIsr = spec.path("config").path("min.insync.replicas").asInt();
            assertThat(spec.path("partitions").asInt()).as(name + " partitions").isPositive();
            assertThat(replicas).as(name + " replicas vs " + brokers + " brokers").isBetween(1, brokers);
            assertThat(minIsr).as(name + " min.insync.replicas").isPositive().isLessThanOrEqualTo(replicas);
            if (replicas > 1) {
                // One broker may be down (rolling update) without producers with acks=all stopping.
                assertThat(minIsr).as(name + " min.insync.replicas").isLessThan(replicas);
            }
        });
    }

    @Test
    void prodTopicsSurviveTheLossOfABroker() {
        topicsByName(Kustomize.overlay("prod")).forEach((name, topic) -> {
            assertThat(topic.path("spec").path("replicas").asInt()).as(name).isGreaterThanOrEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).as(name).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void depositsAndCertificatesAreKeptIndefinitelyOtherTopicsForDays(String overlay) {
        topicsByName(Kustomize.overlay(overlay)).forEach((name, topic) -> {
            long retention = topic.path("spec").path("config").path("retention.ms").asLong();
            if (Canopy.KEPT_FOREVER.contains(name)) {
                assertThat(retention).as(name).isEqualTo(-1);
            } else {
                assertThat(retention).as(name + " retention in days").isBetween(86_400_000L, 31 * 86_400_000L);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasAKafkaUserWithExactlyTheAclsItsRoleNeeds(String overlay) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        assertThat(Manifests.ofKind(objects, "KafkaUser").stream().map(Manifests::name))
                .containsExactlyInAnyOrderElementsOf(Canopy.SERVICES);

        for (String service : Canopy.SERVICES) {
            JsonNode user = Manifests.get(objects, "KafkaUser", service);
            assertThat(user.path("spec").path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            Set<String> reads = new HashSet<>();
            Set<String> writes = new HashSet<>();
            Set<String> groups = new HashSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                List<String> operations = Manifests.texts(acl.path("operations"));
                String type = resource.path("type").asText();
                String name = resource.path("name").asText();
                assertThat(operations).as(service + " " + type + " " + name).doesNotContain("All", "Alter", "Delete", "Create");
                if (type.equals("topic")) {
                    assertThat(resource.path("patternType").asText()).as(service + " topic ACLs name topics literally")
                            .isEqualTo("literal");
                    assertThat(operations).as(service + " " + name).containsAnyOf("Read", "Write")
                            .doesNotContain(operations.contains("Read") ? "Write" : "Read");
                    (operations.contains("Read") ? reads : writes).add(name);
                } else if (type.equals("group")) {
                    assertThat(operations).containsExactly("Read");
                    groups.add(name);
                } else {
                    throw new AssertionError(service + " has an ACL on a " + type + ", which no service needs");
                }
            }
            assertThat(reads).as(service + " reads").containsExactlyInAnyOrderElementsOf(Canopy.CONSUMES.get(service));
            assertThat(writes).as(service + " writes").containsExactlyInAnyOrderElementsOf(Canopy.PRODUCES.get(service));
            assertThat(groups).as(service + " consumer groups").containsExactly(service);
        }
    }

    /** Where a service declares SmallRye channels, each channel's topic is covered by its ACLs. */
    @Test
    void declaredChannelsOfEveryServiceAreWithinItsAcls() {
        for (String service : Canopy.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            assertThat(config.channelTopics("incoming")).as(service + " incoming channels")
                    .isSubsetOf(Canopy.CONSUMES.get(service));
            assertThat(config.channelTopics("outgoing")).as(service + " outgoing channels")
                    .isSubsetOf(Canopy.PRODUCES.get(service));
            config.properties().forEach((k, v) -> {
                if (k.startsWith("mp.messaging.incoming.") && k.endsWith(".dead-letter-queue.topic")) {
                    assertThat(Canopy.PRODUCES.get(service)).as(service + " " + k + " is within its write ACLs").contains(v);
                }
                if (k.startsWith("mp.messaging.incoming.") && k.endsWith(".group.id")) {
                    assertThat(v).as(service + " " + k + " is within its group ACL prefix").startsWith(service);
                }
            });
        }
    }

    /**
     * Every SmallRye channel parks poison with the kit's strategy (SmallRye's dead-letter queue, but a
     * record interrupted mid-retry at shutdown stays unacknowledged: plain {@code dead-letter-queue}
     * would dead-letter a good deposit) and never gives up on a record that waits for PostgreSQL.
     */
    @Test
    void everyIncomingChannelDeadLettersOnlyPoisonAndWaitsForItsDatabase() {
        for (String service : Canopy.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            config.properties().forEach((k, v) -> {
                if (k.startsWith("mp.messaging.incoming.") && k.endsWith(".connector")) {
                    String channel = k.substring(0, k.length() - ".connector".length());
                    assertThat(config.properties().get(channel + ".failure-strategy")).as(service + " " + channel)
                            .isEqualTo("canopy-dead-letter-queue");
                    assertThat(config.properties().get(channel + ".throttled.unprocessed-record-max-age.ms"))
                            .as(service + " " + channel).isEqualTo("0");
                }
            });
        }
    }

    @Test
    void theAclMatrixCoversEveryContractTopicWithAProducer() {
        Set<String> produced = new HashSet<>();
        Canopy.PRODUCES.values().forEach(produced::addAll);
        assertThat(produced).containsAll(Topics.ALL);
    }

    @Test
    void autoscalersNeverOutgrowThePartitionsTheyConsume() {
        List<JsonNode> prod = Kustomize.overlay("prod");
        Map<String, JsonNode> topics = topicsByName(prod);
        List<JsonNode> autoscalers = Manifests.ofKind(prod, "HorizontalPodAutoscaler");
        assertThat(autoscalers.stream().map(Manifests::name)).contains("collector-service", "metering-service");
        for (JsonNode hpa : autoscalers) {
            String service = hpa.path("spec").path("scaleTargetRef").path("name").asText();
            int fewestPartitions = Canopy.CONSUMES.get(service).stream()
                    .mapToInt(t -> topics.get(t).path("spec").path("partitions").asInt()).min().orElseThrow();
            assertThat(hpa.path("spec").path("maxReplicas").asInt()).as(service + " maxReplicas")
                    .isLessThanOrEqualTo(fewestPartitions);
        }
    }

    @Test
    void kafkaRunsInKraftModeWithAuthenticationAndAuthorization() {
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> objects = Kustomize.overlay(overlay);
            JsonNode kafka = Manifests.get(objects, "Kafka", "canopy-kafka");
            assertThat(kafka.path("spec").has("zookeeper")).isFalse();
            assertThat(Manifests.texts(Manifests.get(objects, "KafkaNodePool", "dual-role").path("spec").path("roles")))
                    .contains("controller", "broker");
            assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
            assertThat(kafka.path("spec").path("kafka").path("listeners")).allSatisfy(l -> {
                assertThat(l.path("tls").asBoolean()).isTrue();
                assertThat(l.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            });
            assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true))
                    .isFalse();
        }
    }
}
