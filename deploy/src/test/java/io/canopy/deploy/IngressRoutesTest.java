package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Ingress sends every path of DESIGN.md's REST API, and every /v1 and /admin path a service
 * actually declares, to the service that owns it; everything else to the dashboard, whose /q
 * endpoints are denied; /internal paths never reach a service. Routing is
 * evaluated the way ingress-nginx does it: Prefix matches whole path segments, regex paths
 * (ImplementationSpecific with use-regex) match from the start, the longest path wins.
 */
class IngressRoutesTest {

    /** DESIGN.md "Dealer REST API": the owner of each path, by longest prefix. */
    private static final Map<String, String> DESIGN_OWNERS = new LinkedHashMap<>();
    static {
        DESIGN_OWNERS.put("/admin/v1/dealers", "registry-service");
        DESIGN_OWNERS.put("/admin/v1/collection-runs", "registry-service");
        DESIGN_OWNERS.put("/admin/v1/periods", "certificate-service");
        DESIGN_OWNERS.put("/v1/auth", "registry-service");
        DESIGN_OWNERS.put("/v1/accounts", "registry-service");
        DESIGN_OWNERS.put("/v1/accounts/{id}/volume", "metering-service");
        DESIGN_OWNERS.put("/v1/servers", "registry-service");
        DESIGN_OWNERS.put("/v1/feeds", "registry-service");
        DESIGN_OWNERS.put("/v1/deposits", "metering-service");
        DESIGN_OWNERS.put("/v1/devices", "metering-service");
        DESIGN_OWNERS.put("/v1/health", "health-service");
        DESIGN_OWNERS.put("/v1/certificates", "certificate-service");
    }

    private static final Pattern API_PATH = Pattern.compile("(/(?:admin/)?v1/[A-Za-z0-9_{}./-]*)");
    private static final Pattern PATH_ANNOTATION = Pattern.compile("@Path\\(\"([^\"]*)\"\\)");

    record Route(String path, boolean regex, String service, JsonNode ingress) {

        boolean matches(String request) {
            if (regex) {
                return Pattern.compile(path).matcher(request).lookingAt();
            }
            return request.equals(path) || request.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    static Stream<String> overlays() {
        return Kustomize.OVERLAYS.stream();
    }

    static List<Route> routes(List<JsonNode> objects) {
        List<Route> routes = new ArrayList<>();
        for (JsonNode ingress : Manifests.ofKind(objects, "Ingress")) {
            boolean regex = "true".equals(ingress.path("metadata").path("annotations")
                    .path("nginx.ingress.kubernetes.io/use-regex").asText());
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String type = path.path("pathType").asText();
                    routes.add(new Route(path.path("path").asText(), regex && type.equals("ImplementationSpecific"),
                            path.path("backend").path("service").path("name").asText(), ingress));
                }
            }
        }
        return routes;
    }

    static Optional<String> routeOf(List<Route> routes, String template) {
        return matchingRoute(routes, template).map(Route::service);
    }

    static Optional<Route> matchingRoute(List<Route> routes, String template) {
        String request = template.replaceAll("\\{[^}]*}", "0b5e5f3e-8d2a-4c1e-9f3a-2d7c6b1a0e9f").replaceAll("\\?.*", "");
        return routes.stream().filter(r -> r.matches(request))
                .max((a, b) -> Integer.compare(a.path().length(), b.path().length()));
    }

    static Set<String> designPaths() {
        // shared/ sits beside the repository (the team's design documents, not part of the build).
        Path file = Repo.root().resolve("../shared/DESIGN.md").normalize();
        assertThat(file).as("DESIGN.md beside the repository").exists();
        String design = Repo.read(file);
        String api = design.substring(design.indexOf("## Dealer REST API"));
        api = api.substring(0, api.indexOf("\n## ", 5) > 0 ? api.indexOf("\n## ", 5) : api.length());
        Set<String> paths = new TreeSet<>();
        Matcher m = API_PATH.matcher(api);
        while (m.find()) {
            paths.add(m.group(1).replaceAll("[.,]$", ""));
        }
        return paths;
    }

    static String designOwner(String path) {
        String template = path.replaceAll("\\{[^}]*}", "{id}");
        return DESIGN_OWNERS.entrySet().stream()
                .filter(e -> template.equals(e.getKey()) || template.startsWith(e.getKey() + "/")
                        || template.startsWith(e.getKey() + "."))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length())).map(Map.Entry::getValue)
                .orElseThrow(() -> new AssertionError("DESIGN.md names " + path
                        + ", which IngressRoutesTest does not know the owner of: add it to DESIGN_OWNERS and the Ingress"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPathOfTheDesignedApiReachesItsOwningService(String overlay) {
        List<Route> routes = routes(Kustomize.overlay(overlay));
        Set<String> paths = designPaths();
        assertThat(paths).as("paths read from DESIGN.md").hasSizeGreaterThan(15).contains("/v1/auth/token",
                "/v1/accounts/{id}/volume", "/admin/v1/periods/{yyyy-mm}/close");

        for (String path : paths) {
            assertThat(routeOf(routes, path)).as(path).contains(designOwner(path));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPublicPathAServiceDeclaresReachesThatService(String overlay) throws IOException {
        List<Route> routes = routes(Kustomize.overlay(overlay));
        for (String service : Canopy.SERVICES) {
            for (String path : declaredPaths(service)) {
                if (path.startsWith("/internal")) {
                    // at most the dashboard's catch-all "/" (its 404 page), never a service
                    assertThat(routeOf(routes, path).orElse(Canopy.DASHBOARD))
                            .as(service + " " + path + " must stay inside the cluster").isEqualTo(Canopy.DASHBOARD);
                } else {
                    assertThat(routeOf(routes, path)).as(service + " " + path).contains(service);
                }
            }
        }
    }

    /**
     * The dashboard takes "/" and every page it declares, while every /v1, /admin and JWKS path
     * still reaches the service that owns it (a catch-all must lose to every API route).
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void everythingButTheApiGoesToTheDashboard(String overlay) throws IOException {
        List<Route> routes = routes(Kustomize.overlay(overlay));
        assertThat(routeOf(routes, "/")).as("/").contains(Canopy.DASHBOARD);
        Set<String> pages = declaredPaths(Canopy.DASHBOARD);
        assertThat(pages).as("the dashboard's pages").contains("/login", "/servers/{id}", "/accounts/{id}");
        for (String page : pages) {
            assertThat(routeOf(routes, page)).as(page).contains(Canopy.DASHBOARD);
        }
        assertThat(routeOf(routes, "/static/canopy.css")).contains(Canopy.DASHBOARD);

        for (String path : designPaths()) {
            assertThat(routeOf(routes, path)).as(path).contains(designOwner(path));
        }
        assertThat(routeOf(routes, "/.well-known/jwks.json")).contains("registry-service");
        assertThat(routeOf(routes, "/v1/accounts/{id}/volume")).contains("metering-service");
        assertThat(routeOf(routes, "/v1/servers/{id}")).contains("registry-service");
        assertThat(routeOf(routes, "/admin/v1/collection-runs")).contains("registry-service");
    }

    /**
     * "/" would publish the dashboard's metrics, health and OpenAPI, which no service exposes through
     * the Ingress: /q is routed by an Ingress that denies every client address (403).
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void theDashboardsManagementEndpointsAreDeniedToEveryClient(String overlay) {
        List<Route> routes = routes(Kustomize.overlay(overlay));
        for (String path : List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/q")) {
            Route route = matchingRoute(routes, path).orElseThrow();
            String denied = route.ingress().path("metadata").path("annotations")
                    .path("nginx.ingress.kubernetes.io/denylist-source-range").asText();
            assertThat(List.of(denied.split(","))).as(path + " via " + Manifests.describe(route.ingress()))
                    .contains("0.0.0.0/0", "::/0");
        }
        assertThat(matchingRoute(routes, "/quarterly").orElseThrow().ingress().path("metadata").path("annotations")
                .has("nginx.ingress.kubernetes.io/denylist-source-range")).as("/q is a whole segment").isFalse();
    }

    /** Class-level @Path joined with each method-level @Path of the service's JAX-RS resources. */
    static Set<String> declaredPaths(String service) throws IOException {
        Set<String> paths = new TreeSet<>();
        Path sources = Repo.root().resolve(service).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                int classAt = source.indexOf(" class ");
                if (classAt < 0 || source.contains("@RegisterRestClient")) {
                    continue; // interfaces are clients of other services, not resources
                }
                Matcher m = PATH_ANNOTATION.matcher(source);
                String root = null;
                List<String> methods = new ArrayList<>();
                while (m.find()) {
                    if (m.start() < classAt && root == null) {
                        root = m.group(1);
                    } else if (m.start() > classAt) {
                        methods.add(m.group(1));
                    }
                }
                if (root == null) {
                    continue;
                }
                String base = root.startsWith("/") ? root : "/" + root;
                if (methods.isEmpty()) {
                    paths.add(base);
                }
                for (String method : methods) {
                    paths.add(base.replaceAll("/$", "") + (method.startsWith("/") ? method : "/" + method));
                }
            }
        }
        return paths;
    }
}
