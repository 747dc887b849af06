package io.canopy.collector.client;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.collector.domain.VendorFailure;

/**
 * A vendor's answer that was not retried away: a status below 500 other than 429.
 *
 * @param endpoint the path that answered, without host or query (safe to publish)
 */
public record VendorResponse(int status, String body, String endpoint, java.util.function.Function<String, String> header) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public Optional<String> headerValue(String name) {
        return Optional.ofNullable(header.apply(name));
    }

    /** The body as JSON; a body that does not parse is a rejected payload. */
    public JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                throw VendorFailure.rejected(endpoint, body, "empty body from " + endpoint);
            }
            return node;
        } catch (java.io.IOException e) {
            throw VendorFailure.rejected(endpoint, body, "body from " + endpoint + " is not valid JSON");
        }
    }
}
