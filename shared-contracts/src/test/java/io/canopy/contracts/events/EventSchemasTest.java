package io.canopy.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.canopy.contracts.schema.EventSchemas;

/**
 * The checked-in schemas are the contract. Run with {@code -Dcanopy.contracts.write-schemas=true}
 * to rewrite them from the records after a deliberate change (then review the diff).
 */
class EventSchemasTest {

    private static final Path SCHEMA_DIR = Path.of("src/main/resources/schemas");
    private static final ObjectMapper JSON = EventJson.mapper();

    @Test
    void checkedInSchemasMatchTheRecords() throws IOException {
        boolean write = Boolean.getBoolean("canopy.contracts.write-schemas");
        for (EventType type : EventType.values()) {
            ObjectNode generated = EventSchemas.generate(type);
            Path file = SCHEMA_DIR.resolve(type.eventName() + ".schema.json");
            if (write) {
                Files.createDirectories(SCHEMA_DIR);
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
            }
            assertThat(Files.exists(file)).as("schema file for %s (regenerate with -Dcanopy.contracts.write-schemas=true)",
                    type.eventName()).isTrue();
            assertThat(JSON.readTree(file.toFile()))
                    .as("%s changed without its schema; regenerate and review the diff", type.eventName())
                    .isEqualTo(generated);
        }
    }

    @Test
    void everyEventTypeHasASampleAndEverySampleValidatesAgainstItsSchema() throws IOException {
        Set<EventType> covered = EnumSet.noneOf(EventType.class);
        for (CanopyEvent event : SampleEvents.all()) {
            EventType type = EventType.of(event);
            covered.add(type);
            JsonNode body = JSON.readTree(EventJson.write(event));
            Set<ValidationMessage> errors = schema(type).validate(body);
            assertThat(errors).as("%s against its schema", type.eventName()).isEmpty();
        }
        assertThat(covered).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void everySampleSurvivesAJsonRoundTrip() {
        for (CanopyEvent event : SampleEvents.all()) {
            byte[] body = EventJson.write(event);
            assertThat(EventJson.read(body, EventType.of(event).ceType())).isEqualTo(event);
        }
    }

    @Test
    void aBodyMissingARequiredFieldFailsValidationAndDecoding() throws IOException {
        DepositRecorded deposit = (DepositRecorded) SampleEvents.all().stream()
                .filter(DepositRecorded.class::isInstance).findFirst().orElseThrow();
        ObjectNode body = (ObjectNode) JSON.readTree(EventJson.write(deposit));
        body.remove("standardPages");
        assertThat(schema(EventType.DEPOSIT_RECORDED).validate(body))
                .extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("standardPages"));
        assertThatThrownBy(() -> EventJson.read(JSON.writeValueAsBytes(body), DepositRecorded.class))
                .isInstanceOf(EventJson.MalformedEventException.class);
    }

    @Test
    void aWrongTypeFailsValidation() throws IOException {
        ObjectNode body = (ObjectNode) JSON.readTree(EventJson.write(SampleEvents.all().get(0)));
        body.put("maxConcurrency", "one");
        body.put("vendor", "xerox");
        Set<String> errors = schema(EventType.COLLECTION_REQUESTED).validate(body).stream()
                .map(ValidationMessage::getMessage).collect(Collectors.toSet());
        assertThat(errors).anyMatch(m -> m.contains("maxConcurrency")).anyMatch(m -> m.contains("vendor"));
    }

    @Test
    void unknownFieldsAreIgnoredSoOptionalAdditionsNeverBreakAConsumer() throws IOException {
        CanopyEvent event = SampleEvents.all().get(9);
        ObjectNode body = (ObjectNode) JSON.readTree(EventJson.write(event));
        body.put("addedInAFutureVersion", "x");
        assertThat(EventJson.read(JSON.writeValueAsBytes(body), DepositRecorded.class)).isEqualTo(event);
    }

    @Test
    void nullableComponentsAreExactlyTheOptionalOnes() {
        for (EventType type : EventType.values()) {
            JsonNode required = EventSchemas.generate(type).get("required");
            Set<String> requiredNames = new java.util.HashSet<>();
            required.forEach(n -> requiredNames.add(n.asText()));
            Arrays.stream(type.recordClass().getRecordComponents())
                    .forEach(c -> assertThat(requiredNames.contains(c.getName()))
                            .as("%s.%s", type.eventName(), c.getName())
                            .isEqualTo(!c.isAnnotationPresent(Nullable.class)));
        }
    }

    static JsonSchema schema(EventType type) throws IOException {
        try (InputStream in = EventSchemasTest.class.getClassLoader().getResourceAsStream(EventSchemas.resourcePath(type))) {
            assertThat(in).as("schema on the classpath for %s", type).isNotNull();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in), config);
        }
    }
}
