package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
                        "backup", "postgresql", "resources", "affinity", "monitoring");
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
