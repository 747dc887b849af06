package io.canopy.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.schema.EventSchemas;

/**
 * canopy.deposits.v1 and canopy.certificates.v1 are public: against the v1 baseline (checked in
 * when the topic was published) a field may be added as optional, never removed, retyped or made
 * required. A breaking change is a new topic (v2) with a new baseline.
 */
class PublicContractCompatibilityTest {

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "DEPOSIT_RECORDED", "CERTIFICATE_ISSUED" })
    void publicEventsOnlyEvolveCompatibly(EventType type) throws IOException {
        JsonNode baseline = read("public-baseline/" + type.eventName() + ".schema.json");
        JsonNode current = EventSchemas.generate(type);

        Iterator<Map.Entry<String, JsonNode>> fields = baseline.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode now = current.path("properties").path(field.getKey());
            assertThat(now.isMissingNode()).as("%s.%s was removed", type.eventName(), field.getKey()).isFalse();
            assertThat(now.path("type")).as("%s.%s changed type", type.eventName(), field.getKey())
                    .isEqualTo(field.getValue().path("type"));
            if (field.getValue().has("enum")) {
                Set<String> before = texts(field.getValue().path("enum"));
                assertThat(texts(now.path("enum"))).as("%s.%s lost enum values", type.eventName(), field.getKey())
                        .containsAll(before);
            }
        }
        assertThat(texts(baseline.path("required"))).as("%s added a required field", type.eventName())
                .containsAll(texts(current.path("required")));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = PublicContractCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }
}
