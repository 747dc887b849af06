package io.canopy.contracts.schema;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.canopy.contracts.events.EventType;
import io.canopy.contracts.events.Nullable;

/**
 * JSON Schema (draft 2020-12) of each event, derived from its record. The checked-in files under
 * {@code schemas/} must equal what this produces, so changing a record without updating (and
 * reviewing) its schema fails the build.
 */
public final class EventSchemas {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    public static final String ID_BASE = "https://schemas.canopy.io/events/";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EventSchemas() {
    }

    /** Classpath location of the checked-in schema of an event type. */
    public static String resourcePath(EventType type) {
        return "schemas/" + type.eventName() + ".schema.json";
    }

    public static ObjectNode generate(EventType type) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("$id", ID_BASE + type.eventName() + ".v1.json");
        schema.put("title", type.eventName());
        schema.put("x-canopy-ce-type", type.ceType());
        schema.put("x-canopy-topic", type.topic());
        describeRecord(type.recordClass(), schema);
        return schema;
    }

    private static void describeRecord(Class<?> recordClass, ObjectNode target) {
        target.put("type", "object");
        ObjectNode properties = target.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : recordClass.getRecordComponents()) {
            properties.set(component.getName(), describe(component.getGenericType()));
            if (!component.isAnnotationPresent(Nullable.class)) {
                required.add(component.getName());
            }
        }
        target.set("required", required);
    }

    private static ObjectNode describe(Type type) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
            node.put("type", "object");
            node.set("additionalProperties", describe(parameterized.getActualTypeArguments()[1]));
            return node;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == UUID.class) {
            node.put("type", "string").put("format", "uuid");
        } else if (raw == String.class) {
            node.put("type", "string");
        } else if (raw == LocalDate.class) {
            node.put("type", "string").put("format", "date");
        } else if (raw == Instant.class) {
            node.put("type", "string").put("format", "date-time");
        } else if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
            node.put("type", "integer");
        } else if (raw == boolean.class || raw == Boolean.class) {
            node.put("type", "boolean");
        } else if (raw == BigDecimal.class) {
            node.put("type", "number");
        } else if (raw.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(wireName((Enum<?>) constant));
            }
        } else if (raw.isRecord()) {
            describeRecord(raw, node);
        } else {
            throw new IllegalStateException("no JSON Schema mapping for " + raw.getName()
                    + ": add one to EventSchemas before using it in an event");
        }
        return node;
    }

    private static String wireName(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name())
                    .getAnnotation(JsonProperty.class);
            return property != null ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
