package io.canopy.contracts.events;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of Canopy events: ISO-8601 dates and instants, absent optional fields left
 * out, unknown fields ignored on read (so adding an optional field never breaks a consumer).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(CanopyEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(CanopyEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /** Reads a body of a known type; a malformed body raises {@link MalformedEventException}. */
    public static <T extends CanopyEvent> T read(byte[] body, Class<T> type) {
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage();
            throw new MalformedEventException(type.getSimpleName() + " body does not match its schema: " + detail, e);
        }
    }

    /** Reads a body by its CloudEvents type header. */
    public static CanopyEvent read(byte[] body, String ceType) {
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("unknown ce_type '" + ceType + "'", null));
        return read(body, type.recordClass());
    }

    /** A record on a Canopy topic that is not a valid event: park it, never crash the consumer. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
