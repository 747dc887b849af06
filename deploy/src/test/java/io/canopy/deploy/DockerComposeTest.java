package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.Topics;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked as data: the
 * services, ports, health checks and start order, the same environment variable names as
 * Kubernetes, every setting the services need, and no secret value in the file.
 */
class DockerComposeTest {

    private static final JsonNode COMPOSE = Manifests.parse(Repo.read(Repo.dockerCompose())).get(0);
    private static final JsonNode SERVICES = COMPOSE.path("services");
    private static final Pattern SECRET_LIKE_NAME = ServiceDeploymentsTest.SECRET_LIKE_NAME;
    private static final Pattern REQUIRED_INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void runsKafkaPostgresTheFiveServicesTheDashboardAndTheSimulator() {
        Set<String> expected = new TreeSet<>(Canopy.DEPLOYED);
        expected.addAll(List.of("kafka", "kafka-topics", "postgres", "vendor-simulator"));
        assertThat(names(SERVICES)).isEqualTo(expected);

        JsonNode kafka = SERVICES.path("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(SERVICES.path("postgres").path("image").asText()).startsWith("postgres:");
        assertThat(SERVICES.path("vendor-simulator").path("command").toString()).contains("\"--scenario\",\"demo\"");
    }

    @Test
    void createsExactlyTheContractTopicsBeforeAnyServiceStarts() {
        String script = SERVICES.path("kafka-topics").path("command").get(0).asText();
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("canopy\\.[a-z.-]+\\.v1(?:\\.dead-letter\\.v1)?").matcher(script);
        while (m.find()) {
            created.add(m.group());
        }
        Set<String> expected = new TreeSet<>(Canopy.ALL_TOPICS);
        assertThat(created).isEqualTo(expected);
        assertThat(script).as("compose would interpolate a single $").contains("$$topic");
    }

    @Test
    void everyServiceListensOnItsPortIsHealthCheckedAndStartsAfterItsInfrastructure() {
        for (String service : Canopy.DEPLOYED) {
            JsonNode spec = SERVICES.path(service);
            ServiceConfig config = ServiceConfig.of(service);
            int port = config.httpPort();

            assertThat(Manifests.texts(spec.path("ports"))).as(service).contains(port + ":" + port);
            assertThat(spec.path("healthcheck").path("test").toString()).as(service)
                    .contains("http://localhost:" + port + "/q/health/ready");
            assertThat(spec.path("build").path("args").path("SERVICE").asText()).isEqualTo(service);
            assertThat(spec.path("read_only").asBoolean()).as(service + " read-only root").isTrue();
            assertThat(spec.path("image").asText()).isEqualTo("canopy/" + service + ":0.1.0-SNAPSHOT");
            if (service.equals(Canopy.DASHBOARD)) {
                // no topics: it waits for the services whose pages it shows
                Canopy.DASHBOARD_CALLS.values().forEach(called -> assertThat(
                        spec.path("depends_on").path(called).path("condition").asText()).as(service + " after " + called)
                        .isEqualTo("service_healthy"));
                continue;
            }
            assertThat(spec.path("depends_on").path("kafka-topics").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
            if (config.hasDatasource()) {
                assertThat(spec.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
                String database = config.properties().get("quarkus.datasource.jdbc.url").replaceAll(".*/", "");
                assertThat(spec.path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText())
                        .isEqualTo("jdbc:postgresql://postgres:5432/" + database);
                assertThat(Repo.read(Repo.root().resolve("deploy/docker/postgres-init.sh")))
                        .containsPattern("for db in [a-z ]*\\b" + database + "\\b")
                        .contains("CREATE DATABASE :\"db\" OWNER :\"db\";");
                // Least privilege: the service runs as <db>_app, only Flyway as the owner <db>.
                assertThat(spec.path("environment").path("QUARKUS_DATASOURCE_USERNAME").asText())
                        .isEqualTo(database + "_app");
                assertThat(spec.path("environment").path("QUARKUS_FLYWAY_USERNAME").asText()).isEqualTo(database);
            }
        }
    }

    @Test
    void dependenciesWaitedForHaveHealthChecks() {
        for (Iterator<Map.Entry<String, JsonNode>> it = SERVICES.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            service.getValue().path("depends_on").fields().forEachRemaining(dependency -> {
                assertThat(names(SERVICES)).as(service.getKey() + " depends on").contains(dependency.getKey());
                if ("service_healthy".equals(dependency.getValue().path("condition").asText())) {
                    assertThat(SERVICES.path(dependency.getKey()).has("healthcheck")).as(dependency.getKey()).isTrue();
                }
            });
        }
    }

    @Test
    void everySettingTheServicesNeedIsSetUnderTheSameNamesAsInKubernetes() {
        List<JsonNode> dev = Kustomize.overlay("dev");
        for (String service : Canopy.DEPLOYED) {
            Set<String> compose = names(SERVICES.path(service).path("environment"));
            assertThat(compose).as(service + " environment in docker-compose.yml")
                    .containsAll(ServiceConfig.of(service).requiredEnv());
            assertThat(compose).as(service + ": names Kubernetes does not use")
                    .isSubsetOf(ServiceDeploymentsTest.environment(dev, service).keySet());
        }
    }

    /**
     * Compose runs the dashboard over plain http on localhost, so its cookies cannot be Secure there;
     * it reaches each service by its compose name and port.
     */
    @Test
    void theDashboardCallsTheServicesByTheirComposeNames() {
        JsonNode env = SERVICES.path(Canopy.DASHBOARD).path("environment");
        Canopy.DASHBOARD_CALLS.forEach((name, service) -> assertThat(env.path(name).asText()).as(name)
                .isEqualTo("http://" + service + ":" + ServiceConfig.of(service).httpPort()));
        assertThat(env.path("CANOPY_DASHBOARD_SECURE_COOKIES").asText()).isEqualTo("false");
    }

    /** Every ${VAR:?...} the file requires is one compose-env.sh generates and exports. */
    @Test
    void composeEnvExportsEveryVariableTheFileRequires() {
        Set<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Repo.read(Repo.dockerCompose()));
        while (m.find()) {
            required.add(m.group(1));
        }
        String script = Repo.read(Repo.root().resolve("deploy/docker/compose-env.sh"));
        assertThat(required).contains("CANOPY_DASHBOARD_SESSION_KEY")
                .allSatisfy(variable -> assertThat(script).containsPattern("(?m)^echo \"export " + variable + "="));
    }

    @Test
    void secretValuesComeFromTheEnvironmentOrSecretFilesNeverFromTheFile() {
        Set<String> checked = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = SERVICES.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            service.getValue().path("environment").fields().forEachRemaining(e -> {
                if (SECRET_LIKE_NAME.matcher(e.getKey()).matches()) {
                    assertThat(e.getValue().asText()).as(service.getKey() + " " + e.getKey())
                            .matches(REQUIRED_INTERPOLATION);
                    checked.add(e.getKey());
                }
            });
        }
        assertThat(checked).contains("CANOPY_ADMIN_TOKEN", "CANOPY_COLLECTOR_SERVICE_TOKEN", "CANOPY_CREDENTIALS_KEYS_K1",
                "CANOPY_DASHBOARD_SESSION_KEY",
                "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_FLYWAY_PASSWORD", "POSTGRES_PASSWORD", "CANOPY_DB_OWNER_PASSWORD",
                "CANOPY_DB_RUNTIME_PASSWORD");
        COMPOSE.path("secrets").forEach(s -> assertThat(s.path("file").asText()).startsWith("./.canopy/secrets/"));
        assertThat(Repo.read(Repo.root().resolve(".gitignore"))).contains(".canopy/");
    }
}
