package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CloudNativePG objects, checked field by field because no Java model of its CRDs is published
 * (ManifestSchema lists them as unmodelled): one Cluster per data service with its own database,
 * and nightly backups in prod.
 */
class PostgresClustersTest {

    @Test
    void everyDataServiceOwnsAClusterWithItsDatabase() {
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> objects = Kustomize.overlay(overlay);
            assertThat(Manifests.ofKind(objects, "Cluster").stream().map(Manifests::name))
                    .containsExactlyInAnyOrderElementsOf(Canopy.DATABASES.values());
            Canopy.DATABASES.forEach((service, cluster) -> {
                JsonNode spec = Manifests.get(objects, "Cluster", cluster).path("spec");
                assertThat(spec.path("instances").asInt()).isPositive();
                assertThat(spec.path("storage").path("size").asText()).isNotBlank();
                String database = spec.path("bootstrap").path("initdb").path("database").asText();
                assertThat(ServiceConfig.of(service).properties().get("quarkus.datasource.jdbc.url"))
                        .as("the database name the service uses locally").endsWith("/" + database);
                assertThat(spec.fieldNames()).toIterable().isSubsetOf("instances", "imageName", "storage", "bootstrap",
                        "backup", "postgresql", "resources", "affinity", "monitoring", "managed");
            });
        }
    }

    /**
     * Least privilege (issue #17): Flyway migrates as the owner the operator bootstraps, the service
     * connects as a managed login role that owns nothing (its grants come from the migrations), so
     * the role the application holds cannot disable the ledger's append-only trigger.
     */
    @Test
    void everyServiceConnectsAsARuntimeRoleAndOnlyFlywayAsTheOwner() {
        for (String overlay : Kustomize.OVERLAYS) {
            List<JsonNode> objects = Kustomize.overlay(overlay);
            Canopy.DATABASES.forEach((service, cluster) -> {
                JsonNode spec = Manifests.get(objects, "Cluster", cluster).path("spec");
                String database = spec.path("bootstrap").path("initdb").path("database").asText();
                String owner = spec.path("bootstrap").path("initdb").path("owner").asText();
                assertThat(owner).as(cluster + " owner").isEqualTo(database);
                JsonNode roles = spec.path("managed").path("roles");
                assertThat(roles.size()).as(cluster + " managed roles").isEqualTo(1);
                JsonNode runtime = roles.get(0);
                assertThat(runtime.path("name").asText()).isEqualTo(database + "_app").isNotEqualTo(owner);
                assertThat(runtime.path("ensure").asText()).isEqualTo("present");
                assertThat(runtime.path("login").asBoolean()).isTrue();
                assertThat(runtime.path("superuser").asBoolean(false)).isFalse();
                assertThat(runtime.path("createdb").asBoolean(false)).isFalse();
                assertThat(runtime.path("createrole").asBoolean(false)).isFalse();
                assertThat(runtime.path("inRoles").size()).as("member of no role, so it inherits no ownership").isZero();
                assertThat(runtime.path("passwordSecret").path("name").asText()).isEqualTo(cluster + "-runtime");

                Map<String, String> env = ServiceDeploymentsTest.environment(objects, service);
                assertThat(env).containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:" + cluster + "-runtime/username")
                        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:" + cluster + "-runtime/password")
                        .containsEntry("QUARKUS_FLYWAY_USERNAME", "secret:" + cluster + "-app/username")
                        .containsEntry("QUARKUS_FLYWAY_PASSWORD", "secret:" + cluster + "-app/password");
            });
        }
    }

    @Test
    void prodReplicatesAndBacksUpEveryDatabaseNightly() {
        List<JsonNode> prod = Kustomize.overlay("prod");
        for (String cluster : Canopy.DATABASES.values()) {
            JsonNode spec = Manifests.get(prod, "Cluster", cluster).path("spec");
            assertThat(spec.path("instances").asInt()).as(cluster).isGreaterThanOrEqualTo(3);
            assertThat(spec.path("backup").path("barmanObjectStore").path("destinationPath").asText()).startsWith("s3://");
            assertThat(Manifests.ofKind(prod, "ScheduledBackup"))
                    .anySatisfy(b -> assertThat(b.path("spec").path("cluster").path("name").asText()).isEqualTo(cluster));
        }
        assertThat(Manifests.ofKind(prod, "ScheduledBackup"))
                .allSatisfy(b -> assertThat(b.path("spec").path("schedule").asText().split(" ")).hasSize(6));
    }
}
