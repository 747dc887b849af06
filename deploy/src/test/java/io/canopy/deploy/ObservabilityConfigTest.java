package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shared observability settings (DESIGN.md rule 13) name settings the services read at run
 * time: a key Quarkus fixes at build time would be ignored in the pod (with only a warning), and a
 * misspelt key would be ignored silently — both leave production without JSON logs or traces.
 */
class ObservabilityConfigTest {

    /** Fixed in the image by service-kit's defaults; an environment variable cannot change them. */
    private static final Set<String> BUILD_TIME = Set.of("QUARKUS_OTEL_TRACES_SAMPLER", "QUARKUS_OTEL_TRACES_EXPORTER",
            "QUARKUS_OTEL_ENABLED", "QUARKUS_OTEL_EXPORTER_OTLP_ENABLED");

    static Stream<String> overlays() {
        return Kustomize.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySettingIsOneTheServicesReadAtRunTime(String overlay) throws IOException {
        Set<String> kitSettings = kitDefaults().stringPropertyNames().stream().map(ObservabilityConfigTest::asEnv)
                .collect(Collectors.toSet());
        List<String> keys = new ArrayList<>();
        observability(overlay).fieldNames().forEachRemaining(keys::add);

        assertThat(keys).isNotEmpty().doesNotContainAnyElementsOf(BUILD_TIME)
                .allSatisfy(key -> assertThat(kitSettings.contains(key) || key.startsWith("QUARKUS_OTEL_EXPORTER_OTLP_"))
                        .as(key + " is a service-kit default or an OTLP exporter setting").isTrue());
    }

    @Test
    void productionLogsJsonAndSamplesATenthOfTraces() {
        JsonNode prod = observability("prod");
        assertThat(prod.path("QUARKUS_LOG_CONSOLE_JSON_ENABLED").asText()).isEqualTo("true");
        assertThat(prod.path("QUARKUS_OTEL_TRACES_SAMPLER_ARG").asText()).isEqualTo("0.1");
        assertThat(prod.path("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText()).startsWith("http://otel-collector.");
    }

    @Test
    void theKitDefaultsKeepLocalRunsQuietAndPlain() throws IOException {
        Properties kit = kitDefaults();
        assertThat(kit.getProperty("quarkus.log.console.json.enabled")).isEqualTo("false");
        assertThat(kit.getProperty("quarkus.otel.traces.sampler")).isEqualTo("parentbased_traceidratio");
        assertThat(kit.getProperty("quarkus.otel.traces.sampler.arg")).isEqualTo("0.0");
    }

    private static JsonNode observability(String overlay) {
        return Manifests.get(Kustomize.overlay(overlay), "ConfigMap", "canopy-observability").path("data");
    }

    private static Properties kitDefaults() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Repo.read(
                Repo.root().resolve("service-kit/src/main/resources/META-INF/microprofile-config.properties"))));
        return properties;
    }

    /** MicroProfile Config's environment-variable form: non-alphanumerics become '_', upper case. */
    private static String asEnv(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
