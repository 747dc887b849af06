package io.canopy.dashboard.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.dashboard.config.DashboardConfig;

/**
 * The services' public REST APIs, called with the signed-in user's token. The dashboard owns no
 * business data: every number on a page comes from here. Answers are handed to the templates as
 * plain maps and lists (snake_case keys, as the API documents them).
 */
@ApplicationScoped
public class CanopyApi {

    /** The service that owns a path (DESIGN.md "Dealer REST API"). */
    public enum Service {
        REGISTRY, METERING, HEALTH, CERTIFICATE
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    @Inject
    DashboardConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public Map<String, Object> object(Service service, String path, String token) {
        return json.convertValue(call(service, "GET", path, token, null), OBJECT);
    }

    /** A list answer; a paged one ({@code {"data": [...]}}) gives its page. */
    public List<Map<String, Object>> list(Service service, String path, String token) {
        JsonNode answer = call(service, "GET", path, token, null);
        JsonNode items = answer.isArray() ? answer : answer.path("data");
        return items.isMissingNode() ? List.of() : json.convertValue(items, LIST);
    }

    /**
     * Metering learns of an account with its first deposit: until then it answers 404 for an account
     * registry knows. Such an answer is "nothing yet" (zero pages), not a missing page.
     */
    public Map<String, Object> objectOrEmpty(Service service, String path, String token) {
        try {
            return object(service, path, token);
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return Map.of("data", List.of(), "pages", 0, "total", 0);
            }
            throw e;
        }
    }

    public List<Map<String, Object>> listOrEmpty(Service service, String path, String token) {
        try {
            return list(service, path, token);
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    public Map<String, Object> post(Service service, String path, String token, Object body) {
        JsonNode answer = call(service, "POST", path, token, body);
        return answer.isObject() ? json.convertValue(answer, OBJECT) : Map.of();
    }

    public Map<String, Object> patch(Service service, String path, String token, Object body) {
        JsonNode answer = call(service, "PATCH", path, token, body);
        return answer.isObject() ? json.convertValue(answer, OBJECT) : Map.of();
    }

    public void delete(Service service, String path, String token) {
        call(service, "DELETE", path, token, null);
    }

    /** A document (certificate PDF or HTML) passed through to the browser as it is. */
    public HttpResponse<InputStream> download(Service service, String path, String token) {
        // Any type: the services answer a document in its own type (a PDF endpoint refuses Accept: application/json
        // with 406, which is how every PDF link of the dashboard failed until the browser test clicked one).
        HttpRequest request = request(service, path, token).setHeader("Accept", "*/*").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 400) {
                byte[] body = response.body().readAllBytes();
                throw problem(response.statusCode(), new String(body, StandardCharsets.UTF_8));
            }
            return response;
        } catch (IOException e) {
            throw unreachable(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(service);
        }
    }

    public static String query(Map<String, ?> parameters) {
        Map<String, String> present = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                present.put(name, value.toString());
            }
        });
        if (present.isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        present.forEach((name, value) -> query.append(query.length() > 1 ? "&" : "").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private JsonNode call(Service service, String method, String path, String token, Object body) {
        HttpRequest.Builder request = request(service, path, token);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() >= 400) {
                throw problem(response.statusCode(), text);
            }
            return text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            throw unreachable(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(service);
        }
    }

    private HttpRequest.Builder request(Service service, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(service) + path))
                .timeout(config.callTimeout()).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private String baseUrl(Service service) {
        String url = switch (service) {
            case REGISTRY -> config.services().registry();
            case METERING -> config.services().metering();
            case HEALTH -> config.services().health();
            case CERTIFICATE -> config.services().certificate();
        };
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The problem's sentence for people; never the raw body (it may echo what was sent). */
    private ServiceProblem problem(int status, String body) {
        String message = null;
        try {
            JsonNode problem = json.readTree(body);
            message = problem.path("detail").asText(null);
            if (message == null || message.isBlank()) {
                message = problem.path("title").asText(null);
            }
        } catch (IOException | RuntimeException e) {
            // not problem+json
        }
        return new ServiceProblem(status, message == null || message.isBlank() ? "the request failed (HTTP " + status + ")"
                : message);
    }

    private static ServiceProblem unreachable(Service service) {
        return new ServiceProblem(503, "the " + service.name().toLowerCase() + " service did not answer; try again shortly");
    }
}
