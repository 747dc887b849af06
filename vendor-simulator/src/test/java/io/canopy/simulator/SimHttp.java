package io.canopy.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A tiny HTTP client for contract tests: everything goes over real HTTP to the simulator. */
final class SimHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private SimHttp() {
    }

    static Response get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    static Response post(String url, String contentType, String body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    static Response delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void clock(VendorSimulator sim, String date) {
        Response r = post(sim.baseUrl() + "/_sim/clock", "application/json", "{\"date\":\"" + date + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("clock move failed: " + r.body());
        }
    }

    static void fault(VendorSimulator sim, String json) {
        Response r = post(sim.baseUrl() + "/_sim/faults", "application/json", json);
        if (r.status() != 201) {
            throw new AssertionError("fault rejected: " + r.body());
        }
    }

    static JsonNode truth(VendorSimulator sim, String server, String customer, String from, String to, String scope) {
        return get(sim.baseUrl() + "/_sim/truth?server=" + server + "&customer=" + customer + "&from=" + from + "&to=" + to
                + (scope == null ? "" : "&scope=" + scope)).json();
    }
}
