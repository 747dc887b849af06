package io.canopy.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * An offline schema check: each object is bound, strictly, to the API model classes of its kind
 * (fabric8's Kubernetes 1.33 model, Strimzi's own API classes, the Prometheus Operator model).
 * Those classes keep unknown fields in an "additional properties" map so that clients tolerate
 * newer servers; here that escape hatch is switched off, and so is scalar coercion, so a misspelt
 * field, a field at the wrong level, or a string where an integer belongs (and vice versa) is an
 * error, as {@code kubectl apply --validate=strict} would report it.
 *
 * <p>CloudNativePG publishes no Java model: its kinds are listed in {@link #UNMODELLED} and
 * checked by field in {@code PostgresClustersTest} instead. Any other kind is rejected, so a new
 * kind cannot slip in unchecked.
 */
final class ManifestSchema {

    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class));

    static final Set<String> UNMODELLED = Set.of("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup");

    private static final ObjectMapper STRICT = strictMapper();

    private ManifestSchema() {
    }

    /** Every violation found in the objects, empty when all are valid. */
    static List<String> violations(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        for (JsonNode object : objects) {
            out.addAll(violations(object));
        }
        return out;
    }

    static List<String> violations(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + Manifests.kind(object);
        String where = Manifests.describe(object);
        if (Manifests.name(object).isBlank()) {
            return List.of(type + ": metadata.name is missing");
        }
        if (UNMODELLED.contains(type)) {
            return List.of();
        }
        Class<?> model = MODELS.get(type);
        if (model == null) {
            return List.of(where + ": no schema for " + type + " (add its model to ManifestSchema)");
        }
        try {
            STRICT.treeToValue(object, model);
            return List.of();
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping ? mapping.getPathReference() : "";
            return List.of(where + " (" + type + "): " + message + " at " + path);
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        // The models' "additionalProperties" sink would swallow misspelt fields.
                        return Boolean.FALSE;
                    }
                })
                .build();
        // A number or boolean where the API wants a string (e.g. an annotation value `true`) is an error too.
        mapper.coercionConfigFor(String.class).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
