package io.canopy.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A caller of Canopy's public REST API, the way a dealer's integration would call it: JSON over
 * HTTP with a bearer token, nothing shared with the services' code. A status other than the one
 * expected fails with the service's problem+json detail, so a demo step says what went wrong.
 */
public final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;
    private final String bearer;

    public Api(String baseUrl, String bearer) {
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    public Api as(String newBearer) {
        return new Api(baseUrl, newBearer);
    }

    public Api at(String newBaseUrl) {
        return new Api(newBaseUrl, bearer);
    }

    public JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, body, -1);
    }

    public JsonNode post(String path, Object body, int expectedStatus) {
        return send("POST", path, body, expectedStatus);
    }

    public byte[] getBytes(String path) {
        HttpRequest request = HttpRequest.newBuilder(request("GET", path, null), (name, value) -> !name.equals("Accept"))
                .header("Accept", "*/*").build();
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new ApiException("GET " + path + " answered " + response.statusCode(), response.statusCode());
        }
        return response.body();
    }

    /** @param expectedStatus -1 accepts any 2xx */
    public JsonNode send(String method, String path, Object body, int expectedStatus) {
        HttpResponse<String> response = exchange(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        boolean ok = expectedStatus == -1 ? status / 100 == 2 : status == expectedStatus;
        JsonNode parsed = parse(response.body());
        if (!ok) {
            String detail = parsed.path("detail").asText(response.body());
            throw new ApiException(method + " " + path + " answered " + status + ": " + detail, status);
        }
        return parsed;
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        try {
            if (body == null) {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return builder.build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ApiException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", 0);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** A call that did not answer as expected; {@link #status()} 0 = no answer at all. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        public ApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
