package io.canopy.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.canopy.contracts.Topics;

/** The AsyncAPI document parses and agrees with the topic constants, event registry and schemas. */
class AsyncApiDocumentTest {

    private static final Path DOCUMENT = Path.of("src/main/asyncapi/canopy.yaml");

    private final JsonNode doc = read();

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    void everyTopicIsAChannelAndEveryChannelIsATopic() {
        Set<String> addresses = new HashSet<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        Set<String> expected = new HashSet<>(Topics.ALL);
        expected.addAll(Topics.DEAD_LETTERS);
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyEventIsAMessageOnTheChannelOfItsTopicWithItsCheckedInSchema() {
        for (EventType type : EventType.values()) {
            JsonNode channel = channelFor(type.topic());
            assertThat(channel.path("messages").has(type.eventName()))
                    .as("%s listed on channel %s", type.eventName(), type.topic()).isTrue();
            JsonNode message = doc.path("components").path("messages").path(type.eventName());
            String ref = message.path("payload").path("schema").path("$ref").asText();
            Path schema = DOCUMENT.getParent().resolve(ref).normalize();
            assertThat(Files.exists(schema)).as("%s payload $ref %s exists", type.eventName(), ref).isTrue();
            assertThat(schema.getFileName().toString()).isEqualTo(type.eventName() + ".schema.json");
            assertThat(message.path("headers").path("$ref").asText()).endsWith("CloudEventHeaders");
        }
        assertThat(doc.path("components").path("messages").size()).isEqualTo(EventType.values().length);
    }

    @Test
    void headersDeclareTheCloudEventsAttributes() {
        JsonNode required = doc.path("components").path("schemas").path("CloudEventHeaders").path("required");
        Set<String> names = new HashSet<>();
        required.forEach(n -> names.add(n.asText()));
        assertThat(names).contains("ce_id", "ce_type", "ce_source", "ce_specversion");
    }

    @Test
    void everyOperationPointsAtAnExistingChannel() {
        doc.path("operations").forEach(operation -> {
            String ref = operation.path("channel").path("$ref").asText();
            assertThat(doc.path("channels").has(ref.substring(ref.lastIndexOf('/') + 1))).as(ref).isTrue();
        });
    }

    private JsonNode channelFor(String topic) {
        for (JsonNode channel : doc.path("channels")) {
            if (channel.path("address").asText().equals(topic)) {
                return channel;
            }
        }
        throw new AssertionError("no channel for " + topic);
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new AssertionError("canopy.yaml does not parse: " + e.getMessage(), e);
        }
    }
}
