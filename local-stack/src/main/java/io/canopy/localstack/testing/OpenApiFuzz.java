package io.canopy.localstack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.restassured.path.json.JsonPath;

/**
 * Malformed requests for every operation of a service, generated from its own OpenAPI document
 * ({@code /q/openapi?format=json}), so an endpoint added tomorrow is fuzzed without editing a test.
 * For each operation: every path parameter and every query parameter replaced in turn by junk
 * (not a UUID, negative, huge, empty, NUL, a bad date, very long), malformed and wrongly typed
 * bodies (empty, truncated, {@code null}, nested past any parser's limit, each schema property
 * with a value of the wrong type), a wrong media type, an unacceptable {@code Accept}, a method the
 * path does not have, and requests without or with a forged credential.
 *
 * <p>{@link #run()} sends them one at a time to the service (loopback only) and reports what broke
 * the rules every Canopy API keeps: no 5xx for anything a client sends, and every 4xx is
 * {@code application/problem+json}, the 401 of a request without a token or with a forged one
 * included. Nothing here needs a valid resource to exist: ids
 * are random, so a write never succeeds on someone else's data.
 */
public final class OpenApiFuzz {

    /** One request as sent; {@code pathAndQuery} is already percent-encoded. */
    public record Request(String method, String pathAndQuery, String contentType, String accept, String body,
            boolean authenticated, String why) {

        @Override
        public String toString() {
            String shown = body == null ? "" : " body=" + (body.length() > 80 ? body.substring(0, 80) + "..." : body);
            String where = pathAndQuery.length() > 160 ? pathAndQuery.substring(0, 160) + "..." : pathAndQuery;
            return method + " " + where + " [" + why + "]" + shown;
        }
    }

    /** A request whose answer broke a rule. */
    public record Finding(Request request, int status, String contentType, String answer) {

        @Override
        public String toString() {
            return status + " " + contentType + " <- " + request + " :: "
                    + (answer.length() > 200 ? answer.substring(0, 200) + "..." : answer);
        }
    }

    /** What a run tried and found. */
    public record Report(String service, int operations, int tried, List<Finding> findings) {

        /** Prints the summary (the count of requests tried) and fails with the findings, if any. */
        public Report assertNoFindings() {
            System.out.println(summary());
            if (!findings.isEmpty()) {
                StringBuilder text = new StringBuilder(summary()).append(':');
                findings.stream().limit(40).forEach(f -> text.append("\n  ").append(f));
                if (findings.size() > 40) {
                    text.append("\n  ... and ").append(findings.size() - 40).append(" more");
                }
                throw new AssertionError(text.toString());
            }
            return this;
        }

        public String summary() {
            return "OpenApiFuzz " + service + ": " + tried + " requests over " + operations + " operations, "
                    + findings.size() + " broke a rule";
        }
    }

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    /** Past Jackson's default nesting limit (1000), far below any body size limit. */
    private static final int DEEP_NESTING = 2_000;
    /** A long value that still fits Vert.x's 4 KiB request line, so the service itself answers. */
    private static final int LONG_PARAMETER = 1_000;
    /** A string property far longer than any column, far below any body size limit. */
    private static final int HUGE_STRING = 100_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Path segment junk, already percent-encoded as a client would put it on the wire. */
    static final List<String> PATH_JUNK = List.of("x", "-1", "0", "99999999999999999999", "%00", "%20", "%25",
            "%2F", "1-1-1-1-1", "00000000-0000-0000-0000-00000000000g", "%E2%82%AC", "%27%3B%20DROP%20TABLE%20x%3B--",
            "null", "true", "2026-13-45", "a".repeat(LONG_PARAMETER));

    /** Query value junk, already percent-encoded. */
    static final List<String> QUERY_JUNK = List.of("", "x", "-1", "0", "99999999999999999999", "4294970", "1e9",
            "-2147483649", "2026-13-45", "0000-00-00", "9999-99-99", "%00", "%20", "1-1-1-1-1", "null", "true",
            "%27%3B--", "a".repeat(LONG_PARAMETER));

    /** Whole bodies that no endpoint can take. */
    static final List<String> BODY_JUNK = List.of("", "{", "}", "null", "[]", "\"x\"", "123", "true", "{\"a\":",
            "{}", "[{}]", "{\"a\":1,}", "\u0000", "\"" + "a".repeat(HUGE_STRING) + "\"",
            "[".repeat(DEEP_NESTING) + "]".repeat(DEEP_NESTING),
            "{\"a\":".repeat(DEEP_NESTING) + "1" + "}".repeat(DEEP_NESTING));

    private final String service;
    private final URI base;
    private final JsonPath openApi;
    private final Supplier<String> defaultAuth;
    private final Map<String, Supplier<String>> authByPrefix = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private OpenApiFuzz(String service, URI base, String openApiJson, Supplier<String> defaultAuth) {
        if (!isLoopback(base)) {
            throw new IllegalArgumentException("OpenApiFuzz sends requests to loopback only, not " + base);
        }
        this.service = service;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.openApi = new JsonPath(openApiJson);
        this.defaultAuth = defaultAuth;
    }

    /**
     * @param authorization the {@code Authorization} header value for the service's ordinary
     *                      (dealer) endpoints, asked anew for every request
     */
    public static OpenApiFuzz of(String service, URI base, Supplier<String> authorization, String openApiJson) {
        return new OpenApiFuzz(service, base, openApiJson, authorization);
    }

    /** Reads the service's OpenAPI document from {@code <base>/q/openapi?format=json}. */
    public static OpenApiFuzz forService(String service, URI base, Supplier<String> authorization) {
        OpenApiFuzz probe = new OpenApiFuzz(service, base, "{}", authorization);
        HttpResponse<String> doc = probe.send(HttpRequest.newBuilder(URI.create(probe.base + "/q/openapi?format=json"))
                .header("Accept", JSON).GET());
        if (doc.statusCode() != 200) {
            throw new IllegalStateException("no OpenAPI document at " + base + ": " + doc.statusCode());
        }
        return of(service, base, authorization, doc.body());
    }

    /** Another credential for the paths under {@code prefix} (e.g. {@code /admin/} takes the operator token). */
    public OpenApiFuzz authorizeUnder(String prefix, Supplier<String> authorization) {
        authByPrefix.put(prefix, authorization);
        return this;
    }

    // ------------------------------------------------------------------ generation

    private record Operation(String method, String template, List<Map<String, Object>> parameters,
            Optional<Map<String, Object>> bodySchema, boolean hasBody) {
    }

    @SuppressWarnings("unchecked")
    private List<Operation> operations() {
        Map<String, Object> paths = openApi.getMap("paths");
        if (paths == null) {
            return List.of();
        }
        List<Operation> operations = new ArrayList<>();
        for (var path : paths.entrySet()) {
            Map<String, Object> item = (Map<String, Object>) path.getValue();
            List<Map<String, Object>> shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
            for (String method : METHODS) {
                Map<String, Object> op = (Map<String, Object>) item.get(method);
                if (op == null) {
                    continue;
                }
                List<Map<String, Object>> parameters = new ArrayList<>(shared);
                parameters.addAll((List<Map<String, Object>>) op.getOrDefault("parameters", List.of()));
                Map<String, Object> requestBody = (Map<String, Object>) op.get("requestBody");
                Optional<Map<String, Object>> schema = Optional.ofNullable(requestBody)
                        .map(b -> (Map<String, Object>) b.get("content"))
                        .map(c -> (Map<String, Object>) c.get(JSON))
                        .map(m -> (Map<String, Object>) m.get("schema"))
                        .map(this::resolve);
                operations.add(new Operation(method.toUpperCase(), path.getKey(), parameters, schema,
                        requestBody != null || !method.equals("get") && !method.equals("delete")));
            }
        }
        return operations;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref instanceof String r && r.startsWith("#/components/schemas/")) {
            Map<String, Object> schemas = openApi.getMap("components.schemas");
            Object target = schemas == null ? null : schemas.get(r.substring("#/components/schemas/".length()));
            return target instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
        return schema;
    }

    /** Every request this fuzz would send, in order. */
    public List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        for (Operation op : operations()) {
            requests.addAll(requestsFor(op));
        }
        requests.addAll(wrongMethods());
        return requests;
    }

    private List<Request> requestsFor(Operation op) {
        List<Request> out = new ArrayList<>();
        List<String> pathParams = namesIn(op, "path");
        List<String> queryParams = namesIn(op, "query");
        String baseline = fill(op.template(), Map.of());
        String validBody = op.hasBody() ? "{}" : null;
        String contentType = op.hasBody() ? JSON : null;

        out.add(new Request(op.method(), baseline, contentType, JSON, validBody, true, "unknown ids"));
        for (String p : pathParams) {
            for (String junk : PATH_JUNK) {
                out.add(new Request(op.method(), fill(op.template(), Map.of(p, junk)), contentType, JSON, validBody, true,
                        "path " + p));
            }
        }
        for (String q : queryParams) {
            for (String junk : QUERY_JUNK) {
                out.add(new Request(op.method(), baseline + "?" + q + "=" + junk, contentType, JSON, validBody, true,
                        "query " + q));
            }
        }
        if (queryParams.contains("page") && queryParams.contains("per_page")) {
            out.add(new Request(op.method(), baseline + "?page=4294970&per_page=500", contentType, JSON, validBody, true,
                    "page offset overflow"));
        }
        if (op.hasBody()) {
            for (String body : BODY_JUNK) {
                out.add(new Request(op.method(), baseline, JSON, JSON, body, true, "malformed body"));
            }
            op.bodySchema().ifPresent(schema -> {
                for (String body : wronglyTypedBodies(schema)) {
                    out.add(new Request(op.method(), baseline, JSON, JSON, body, true, "wrong type"));
                }
            });
            out.add(new Request(op.method(), baseline, "text/plain", JSON, "x", true, "media type"));
            out.add(new Request(op.method(), baseline, "application/xml", JSON, "<a/>", true, "media type"));
        }
        out.add(new Request(op.method(), baseline, contentType, "application/xml", validBody, true, "accept"));
        out.add(new Request(op.method(), baseline, contentType, JSON, validBody, false, "no credential"));
        out.add(new Request(op.method(), baseline, contentType, JSON, validBody, false, "forged credential"));
        return out;
    }

    /** A method each path does not declare: 405, as a problem. */
    @SuppressWarnings("unchecked")
    private List<Request> wrongMethods() {
        Map<String, Object> paths = openApi.getMap("paths");
        List<Request> out = new ArrayList<>();
        if (paths == null) {
            return out;
        }
        for (var path : paths.entrySet()) {
            Set<String> declared = ((Map<String, Object>) path.getValue()).keySet();
            METHODS.stream().filter(m -> !declared.contains(m)).findFirst().ifPresent(m -> out.add(new Request(
                    m.toUpperCase(), fill(path.getKey(), Map.of()), JSON, JSON, "{}", true, "undeclared method")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<String> namesIn(Operation op, String in) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> p : op.parameters()) {
            Map<String, Object> param = p.containsKey("$ref") ? resolveParameter(p) : p;
            if (in.equals(param.get("in")) && param.get("name") instanceof String name) {
                names.add(name);
            }
        }
        if (in.equals("path")) {
            // Templates are the truth for path parameters, whatever the document declares.
            var m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.template());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return new ArrayList<>(names);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolveParameter(Map<String, Object> ref) {
        String r = (String) ref.get("$ref");
        Map<String, Object> all = openApi.getMap("components.parameters");
        Object target = all == null ? null : all.get(r.substring(r.lastIndexOf('/') + 1));
        return target instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The template with the given values, and a fresh random UUID for every other parameter. */
    private static String fill(String template, Map<String, String> values) {
        var m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.getOrDefault(m.group(1), UUID.randomUUID().toString());
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** For each property of the body's schema, a body holding only that property with values of other types. */
    @SuppressWarnings("unchecked")
    private List<String> wronglyTypedBodies(Map<String, Object> schema) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> bodies = new ArrayList<>();
        for (var property : properties.entrySet()) {
            Map<String, Object> type = resolve((Map<String, Object>) property.getValue());
            for (String value : wrongValuesFor(type)) {
                bodies.add("{" + quote(property.getKey()) + ":" + value + "}");
            }
        }
        return bodies;
    }

    private static List<String> wrongValuesFor(Map<String, Object> type) {
        String kind = String.valueOf(type.getOrDefault("type", type.containsKey("properties") ? "object" : "any"));
        String format = String.valueOf(type.get("format"));
        List<String> values = new ArrayList<>(List.of("[]", "{}", "\"\"", "\"x\""));
        switch (kind) {
            case "string" -> {
                values.remove("\"x\"");
                values.add("true");
                values.add(quote("a".repeat(HUGE_STRING)));
                values.add("\"\\u0000\"");
                if (format.equals("date") || format.equals("date-time") || format.equals("uuid")) {
                    values.add("\"x\"");
                    values.add("\"2026-13-45\"");
                    values.add("\"1-1-1-1-1\"");
                } else {
                    values.add("123");
                }
            }
            case "integer", "number" -> {
                values.add("99999999999999999999999");
                values.add("-1");
                values.add("1.5e400");
                values.add("true");
            }
            case "boolean" -> values.add("2");
            case "array" -> values.remove("[]");
            case "object" -> {
                values.remove("{}");
                values.add("123");
            }
            default -> values.add("123");
        }
        return values;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------ sending

    /** Sends every request, one at a time, and reports the answers that broke a rule. */
    public Report run() {
        List<Request> requests = requests();
        List<Finding> findings = new ArrayList<>();
        for (Request request : requests) {
            HttpResponse<String> answer = send(build(request));
            int status = answer.statusCode();
            String type = answer.headers().firstValue("Content-Type").orElse("");
            boolean serverError = status >= 500;
            // Every 4xx is a problem, the 401 of a missing or forged token included.
            boolean bareClientError = status >= 400 && status < 500 && !type.startsWith(PROBLEM_JSON);
            if (serverError || bareClientError) {
                findings.add(new Finding(request, status, type, answer.body() == null ? "" : answer.body()));
            }
        }
        return new Report(service, operations().size(), requests.size(), Collections.unmodifiableList(findings));
    }

    private HttpRequest.Builder build(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
                .timeout(REQUEST_TIMEOUT);
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
        builder.method(request.method(), body);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        builder.header("Accept", request.accept());
        if (request.authenticated()) {
            builder.header("Authorization", authFor(request.pathAndQuery()).get());
        } else if (request.why().startsWith("forged")) {
            builder.header("Authorization", "Bearer " + URLEncoder.encode("forged.token.value", StandardCharsets.UTF_8));
        }
        return builder;
    }

    private Supplier<String> authFor(String path) {
        return authByPrefix.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(defaultAuth);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the service did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1"));
    }
}
