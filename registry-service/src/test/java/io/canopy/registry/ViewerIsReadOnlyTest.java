package io.canopy.registry;

import static io.canopy.registry.RegistryTestSupport.newDealer;
import static io.canopy.registry.RegistryTestSupport.uniqueEmail;
import static io.canopy.registry.RegistryTestSupport.viewerOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every mutating {@code /v1} endpoint of registry refuses a viewer, found by scanning the JAX-RS
 * resources rather than listed by hand: an endpoint added tomorrow is called here too, and the test
 * fails if the one guard (ViewerIsReadOnly) does not stop it.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class ViewerIsReadOnlyTest {

    static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    record Endpoint(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void everyMutatingV1EndpointRefusesAViewerWith403NamingTheRole() throws Exception {
        var dealer = newDealer("Read-only Dealer");
        var viewer = viewerOf(dealer, uniqueEmail("scan-viewer"), "a long viewer password");
        List<Endpoint> endpoints = mutatingDealerEndpoints();
        // the scan must see what exists today, or an empty scan would pass
        assertThat(endpoints).extracting(Endpoint::toString).contains("POST /v1/servers", "DELETE /v1/servers/{id}",
                "POST /v1/feeds", "POST /v1/feeds/{id}/collect", "POST /v1/accounts", "POST /v1/api-keys",
                "DELETE /v1/api-keys/{id}", "POST /v1/users", "DELETE /v1/users/{id}");
        List<String> notRefused = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            String path = endpoint.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            var answer = viewer.api().body("{}").request(endpoint.method(), path);
            if (answer.statusCode() != 403 || !"viewer".equals(answer.path("role"))
                    || !answer.contentType().startsWith("application/problem+json")) {
                notRefused.add(endpoint + " -> " + answer.statusCode() + " " + answer.asString());
            }
        }
        assertThat(notRefused).as("mutating endpoints a viewer could call").isEmpty();
        // and the same calls are not refused for the dealer's API-key token (the guard is about the role)
        dealer.api().body("{}").post("/v1/users").then().statusCode(400);
    }

    /** POST/PUT/PATCH/DELETE methods of every @Path resource in registry's api package, under /v1 but not /v1/auth. */
    static List<Endpoint> mutatingDealerEndpoints() throws IOException, ClassNotFoundException {
        List<Endpoint> endpoints = new ArrayList<>();
        Path classes = Path.of("target/classes/io/canopy/registry/api");
        List<String> names;
        try (Stream<Path> files = Files.list(classes)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> "io.canopy.registry.api." + n.substring(0, n.length() - ".class".length())).toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name);
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb == null || !MUTATING.contains(verb)) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = join(root.value(), sub == null ? "" : sub.value());
                if (path.startsWith("/v1/") && !path.startsWith("/v1/auth/")) {
                    endpoints.add(new Endpoint(verb, path));
                }
            }
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
