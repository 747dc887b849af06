package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Each service's Deployment, Service, ConfigMap, Secret references and PodDisruptionBudget, in each overlay. */
class ServiceDeploymentsTest {

    /** Secrets the installation creates (deploy/README.md "Secrets") or the operators write. */
    private static final Set<String> KNOWN_SECRETS = Set.of("canopy-admin-token", "canopy-service-token",
            "canopy-sealing-keys", "canopy-jwt-signing", "canopy-kafka-cluster-ca-cert", "canopy-dashboard-session");
    static final Pattern SECRET_LIKE_NAME = Pattern.compile(".*(TOKEN|PASSWORD|SECRET|_KEYS_|SESSION_KEY|JAAS).*");

    static Stream<Arguments> servicesPerOverlay() {
        return Kustomize.OVERLAYS.stream().flatMap(o -> Canopy.DEPLOYED.stream().map(s -> Arguments.of(o, s)));
    }

    static Stream<String> overlays() {
        return Kustomize.OVERLAYS.stream();
    }

    private static JsonNode container(List<JsonNode> objects, String service) {
        JsonNode containers = Manifests.get(objects, "Deployment", service).path("spec").path("template").path("spec")
                .path("containers");
        assertThat(containers).as(service + " containers").hasSize(1);
        return containers.get(0);
    }

    /** Env var name → where its value comes from ("configmap:NAME" or "secret:NAME/KEY"). */
    static Map<String, String> environment(List<JsonNode> objects, String service) {
        JsonNode container = container(objects, service);
        Map<String, String> env = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText();
            Manifests.get(objects, "ConfigMap", configMap).path("data").fieldNames()
                    .forEachRemaining(k -> env.put(k, "configmap:" + configMap));
        }
        for (JsonNode var : container.path("env")) {
            JsonNode secret = var.path("valueFrom").path("secretKeyRef");
            env.put(var.path("name").asText(), secret.isMissingNode() ? "value"
                    : "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText());
        }
        return env;
    }

    @ParameterizedTest
    @MethodSource("servicesPerOverlay")
    void probesUseQuarkusHealthEndpointsOnTheServicePort(String overlay, String service) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        JsonNode container = container(objects, service);
        int port = ServiceConfig.of(service).httpPort();

        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(port);
        assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        Stream.of("startupProbe", "livenessProbe", "readinessProbe").forEach(p -> assertThat(
                container.path(p).path("httpGet").path("port").asText()).as(p).isEqualTo("http"));

        JsonNode svc = Manifests.get(objects, "Service", service);
        assertThat(svc.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        assertThat(svc.path("spec").path("selector").path("app.kubernetes.io/name").asText()).isEqualTo(service);
    }

    @ParameterizedTest
    @MethodSource("servicesPerOverlay")
    void podsRunAsNonRootOnAReadOnlyRootFileSystemWithResources(String overlay, String service) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        JsonNode pod = Manifests.get(objects, "Deployment", service).path("spec").path("template").path("spec");
        JsonNode container = container(objects, service);

        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(Manifests.texts(security.path("capabilities").path("drop"))).containsExactly("ALL");
        // Quarkus and Vert.x write temporary files: /tmp must be a writable volume on a read-only root.
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");

        assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotBlank();
        assertThat(container.path("resources").path("requests").path("memory").asText()).isNotBlank();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("servicesPerOverlay")
    void everySettingTheServiceNeedsIsProvidedAndSecretsOnlyBySecretReference(String overlay, String service) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        Map<String, String> env = environment(objects, service);
        ServiceConfig config = ServiceConfig.of(service);

        assertThat(env.keySet()).as(service + " environment in overlays/" + overlay).containsAll(config.requiredEnv());
        env.forEach((name, source) -> {
            if (SECRET_LIKE_NAME.matcher(name).matches()) {
                assertThat(source).as(name + " of " + service).startsWith("secret:");
            }
        });
        if (config.hasDatasource()) {
            String cluster = Canopy.DATABASES.get(service);
            // The runtime role; the owner's -app Secret is Flyway's alone (PostgresClustersTest).
            assertThat(env).containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:" + cluster + "-runtime/username")
                    .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:" + cluster + "-runtime/password");
            String url = Manifests.get(objects, "ConfigMap", service + "-config").path("data")
                    .path("QUARKUS_DATASOURCE_JDBC_URL").asText();
            assertThat(url).startsWith("jdbc:postgresql://" + cluster + "-rw:5432/");
        }
        if (Canopy.SERVICES.contains(service)) {
            assertThat(env).containsEntry("CANOPY_KAFKA_SASL_JAAS_CONFIG", "secret:" + service + "/sasl.jaas.config");
        } else {
            assertThat(env.keySet()).as(service + " has no Kafka and no database")
                    .noneMatch(name -> name.startsWith("KAFKA_") || name.startsWith("CANOPY_KAFKA_")
                            || name.startsWith("QUARKUS_DATASOURCE_") || name.startsWith("QUARKUS_FLYWAY_"));
        }
    }

    /**
     * The dashboard calls each service inside the cluster, at the port that service listens on, and
     * seals its cookies with the one key every replica shares; its cookies are Secure behind the Ingress.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theDashboardCallsEachServiceInsideTheClusterAndSharesOneSessionKey(String overlay) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        Map<String, String> env = environment(objects, Canopy.DASHBOARD);
        JsonNode config = Manifests.get(objects, "ConfigMap", Canopy.DASHBOARD + "-config").path("data");

        Canopy.DASHBOARD_CALLS.forEach((name, service) -> {
            assertThat(config.path(name).asText()).as(name)
                    .isEqualTo("http://" + service + ":" + ServiceConfig.of(service).httpPort());
            assertThat(Manifests.get(objects, "Service", service).path("spec").path("ports").get(0).path("port").asInt())
                    .as(service + " Service port").isEqualTo(ServiceConfig.of(service).httpPort());
        });
        assertThat(env).containsEntry("CANOPY_DASHBOARD_SESSION_KEY", "secret:canopy-dashboard-session/key");
        assertThat(config.path("CANOPY_DASHBOARD_SECURE_COOKIES").asText("true")).isEqualTo("true");
    }

    @ParameterizedTest
    @MethodSource("servicesPerOverlay")
    void secretsAreReferencedByKnownNamesOnly(String overlay, String service) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        JsonNode pod = Manifests.get(objects, "Deployment", service).path("spec").path("template").path("spec");
        Set<String> referenced = new TreeSet<>(pod.findValuesAsText("secretName"));
        environment(objects, service).values().stream().filter(v -> v.startsWith("secret:"))
                .map(v -> v.substring("secret:".length(), v.indexOf('/'))).forEach(referenced::add);

        if (service.equals(Canopy.DASHBOARD)) {
            // no Kafka login, no database, no service token: only the key that seals its cookies
            assertThat(referenced).containsExactly("canopy-dashboard-session");
            return;
        }
        Set<String> allowed = new TreeSet<>(KNOWN_SECRETS);
        allowed.remove("canopy-dashboard-session");
        allowed.add(service); // the Strimzi User Operator's Secret for the service's KafkaUser
        if (Canopy.DATABASES.containsKey(service)) {
            allowed.add(Canopy.DATABASES.get(service) + "-app");
            allowed.add(Canopy.DATABASES.get(service) + "-runtime");
        }
        assertThat(referenced).isSubsetOf(allowed);
        // Least privilege, as in ./canopy up: signing key for registry only, sealing key for registry and collector.
        assertThat(referenced.contains("canopy-jwt-signing")).isEqualTo(service.equals("registry-service"));
        assertThat(referenced.contains("canopy-sealing-keys"))
                .isEqualTo(Set.of("registry-service", "collector-service").contains(service));
    }

    @ParameterizedTest
    @MethodSource("servicesPerOverlay")
    void aDisruptionBudgetCoversEveryService(String overlay, String service) {
        JsonNode pdb = Manifests.get(Kustomize.overlay(overlay), "PodDisruptionBudget", service);
        assertThat(pdb.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())
                .isEqualTo(service);
    }

    @ParameterizedTest
    @MethodSource("servicesPerOverlay")
    void configMapsHoldNoSecretValues(String overlay, String service) {
        for (JsonNode configMap : Manifests.ofKind(Kustomize.overlay(overlay), "ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(e -> {
                assertThat(e.getKey()).as(Manifests.describe(configMap)).doesNotMatch(SECRET_LIKE_NAME);
                assertThat(e.getValue().asText()).as(Manifests.describe(configMap) + " " + e.getKey())
                        .doesNotContain("BEGIN", "password=\"");
            });
        }
    }

    @org.junit.jupiter.api.Test
    void prodRunsTwoPodsPerServiceSpreadOverNodes() {
        List<JsonNode> prod = Kustomize.overlay("prod");
        for (String service : Canopy.DEPLOYED) {
            JsonNode deployment = Manifests.get(prod, "Deployment", service);
            assertThat(deployment.path("spec").path("replicas").asInt()).as(service).isGreaterThanOrEqualTo(2);
            JsonNode antiAffinity = deployment.path("spec").path("template").path("spec").path("affinity")
                    .path("podAntiAffinity");
            assertThat(antiAffinity.findValuesAsText("topologyKey")).as(service).contains("kubernetes.io/hostname");
            assertThat(antiAffinity.findValuesAsText("app.kubernetes.io/name")).as(service).containsOnly(service);
        }
    }

    /**
     * The rule "collector readiness must not depend on vendor reachability": collector has
     * no readiness check of its own, so /q/health/ready is Kafka's only (quarkus.kafka.health).
     */
    @org.junit.jupiter.api.Test
    void collectorReadinessDependsOnKafkaOnlyNeverOnVendors() throws java.io.IOException {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(Repo.root().resolve("collector-service/src/main/java"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".java")).map(Repo::read))
                    .noneMatch(source -> source.contains("@Readiness"));
        }
        assertThat(ServiceConfig.of("collector-service").properties()).containsEntry("quarkus.kafka.health.enabled", "true");
    }
}
