package io.canopy.collector.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.canopy.collector.domain.VendorFailure;

/**
 * A vendor's answer that was not retried away: a status below 500 other than 429. The body is kept as
 * the decoded bytes it arrived as and parsed from them; a String of it is made only when one is asked
 * for (an error reason, a rejected payload).
 */
public final class VendorResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final byte[] content;
    private final int length;
    private final String endpoint;
    private final Function<String, String> header;

    /**
     * @param content  the decoded body: its first {@code length} bytes
     * @param endpoint the path that answered, without host or query (safe to publish)
     */
    public VendorResponse(int status, byte[] content, int length, String endpoint, Function<String, String> header) {
        this.status = status;
        this.content = content == null ? new byte[0] : content;
        this.length = content == null ? 0 : length;
        this.endpoint = endpoint;
        this.header = header;
    }

    public VendorResponse(int status, String body, String endpoint, Function<String, String> header) {
        this(status, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length, endpoint, header);
    }

    public int status() {
        return status;
    }

    /** The body as text (made on demand: errors and rejected payloads only). */
    public String body() {
        return new String(content, 0, length, StandardCharsets.UTF_8);
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public Optional<String> headerValue(String name) {
        return Optional.ofNullable(header.apply(name));
    }

    /** The body as JSON; a body that does not parse is a rejected payload. */
    public JsonNode json() {
        try {
            JsonNode node = length == 0 ? null : JSON.readTree(content, 0, length);
            if (node == null || node.isMissingNode()) {
                throw VendorFailure.rejected(endpoint, body(), "empty body from " + endpoint);
            }
            return node;
        } catch (IOException e) {
            throw VendorFailure.rejected(endpoint, body(), "body from " + endpoint + " is not valid JSON");
        }
    }

    /**
     * The body as JSON, streamed: the elements of the array at {@code arrayPath} (object fields from the
     * top, e.g. {@code Result, Devices}) are handed to {@code element} one at a time as they are parsed
     * and are left out of the document returned, so a page of 500 devices is never one tree in memory
     * (a tree costs several times the bytes). Everything else is returned as {@link #json()} would.
     */
    public JsonNode json(List<String> arrayPath, Consumer<JsonNode> element) {
        try (JsonParser parser = JSON.getFactory().createParser(content, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return json(); // not the envelope expected: parsed whole, and judged by the caller
            }
            return readObject(parser, arrayPath, 0, element);
        } catch (IOException e) {
            throw VendorFailure.rejected(endpoint, body(), "body from " + endpoint + " is not valid JSON");
        }
    }

    /** Reads an object whose START_OBJECT was just read, streaming the array on the path below it. */
    private static ObjectNode readObject(JsonParser parser, List<String> path, int depth, Consumer<JsonNode> element)
            throws IOException {
        ObjectNode object = JSON.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean onPath = depth < path.size() && path.get(depth).equals(name);
            if (onPath && depth == path.size() - 1 && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    element.accept(parser.readValueAsTree());
                }
                object.putArray(name);
            } else if (onPath && value == JsonToken.START_OBJECT) {
                object.set(name, readObject(parser, path, depth + 1, element));
            } else {
                object.set(name, parser.readValueAsTree());
            }
        }
        return object;
    }
}
