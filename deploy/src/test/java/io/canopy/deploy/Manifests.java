package io.canopy.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Multi-document YAML as Jackson trees, and small finders over rendered objects. */
final class Manifests {

    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());

    private Manifests() {
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode() && document.size() > 0) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String describe(JsonNode object) {
        return kind(object) + "/" + name(object);
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).findFirst();
    }

    static JsonNode get(List<JsonNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
