package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Every overlay renders with Kustomize, and every object it renders passes the offline schema. */
class OverlaysTest {

    static Stream<String> overlays() {
        return Kustomize.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRenderedObjectMatchesItsApiSchema(String overlay) {
        List<JsonNode> objects = Kustomize.overlay(overlay);

        assertThat(objects).isNotEmpty();
        assertThat(ManifestSchema.violations(objects)).as("schema violations in overlays/" + overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsNamespacedByTheOverlayAndNamedOnce(String overlay) {
        List<JsonNode> objects = Kustomize.overlay(overlay);
        String namespace = overlay.equals("prod") ? "canopy" : "canopy-" + overlay;

        assertThat(objects).allSatisfy(o -> assertThat(o.path("metadata").path("namespace").asText())
                .as(Manifests.describe(o)).isEqualTo(namespace));
        assertThat(objects.stream().map(Manifests::describe)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noSecretIsCommittedOnlyReferenced(String overlay) {
        assertThat(Manifests.ofKind(Kustomize.overlay(overlay), "Secret")).as("Secrets are created at install time")
                .isEmpty();
    }

    @org.junit.jupiter.api.Test
    void everyComponentIsUsedByProd() throws Exception {
        String prod = Repo.read(Repo.k8s().resolve("overlays/prod/kustomization.yaml"));
        try (Stream<Path> components = Files.list(Repo.k8s().resolve("components"))) {
            assertThat(components.map(p -> p.getFileName().toString()))
                    .allSatisfy(c -> assertThat(prod).contains("../../components/" + c));
        }
    }
}
