package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * prod's NetworkPolicies for the dashboard: the ingress controller reaches it, it reaches the four
 * services whose pages it shows (and each of them admits it), DNS and tracing - nothing else: no
 * Kafka, no database, not collector's /internal API, not the internet.
 */
class DashboardNetworkTest {

    private static final Map<String, String> DASHBOARD_POD = Map.of("app.kubernetes.io/name", Canopy.DASHBOARD,
            "app.kubernetes.io/component", "service", "app.kubernetes.io/part-of", "canopy");

    private static List<JsonNode> policies() {
        return Manifests.ofKind(Kustomize.overlay("prod"), "NetworkPolicy");
    }

    /** matchLabels and matchExpressions (In) of a label selector against a pod's labels. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        boolean[] all = {true};
        selector.path("matchLabels").fields()
                .forEachRemaining(e -> all[0] &= e.getValue().asText().equals(labels.get(e.getKey())));
        for (JsonNode expression : selector.path("matchExpressions")) {
            assertThat(expression.path("operator").asText()).as("only In is evaluated here").isEqualTo("In");
            all[0] &= Manifests.texts(expression.path("values")).contains(labels.get(expression.path("key").asText()));
        }
        return all[0];
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static Map<String, String> podOf(String service) {
        JsonNode labels = Manifests.get(Kustomize.overlay("prod"), "Deployment", service).path("spec").path("template")
                .path("metadata").path("labels");
        Map<String, String> pod = new java.util.HashMap<>();
        labels.fields().forEachRemaining(e -> pod.put(e.getKey(), e.getValue().asText()));
        return pod;
    }

    @Test
    void theDashboardPodIsAServicePodTheIngressControllerMayReach() {
        assertThat(podOf(Canopy.DASHBOARD)).containsAllEntriesOf(DASHBOARD_POD);
        JsonNode fromIngress = Manifests.get(Kustomize.overlay("prod"), "NetworkPolicy",
                "canopy-services-from-ingress-and-prometheus").path("spec");
        assertThat(selects(fromIngress.path("podSelector"), podOf(Canopy.DASHBOARD))).isTrue();
        assertThat(fromIngress.path("ingress").findValuesAsText("kubernetes.io/metadata.name")).contains("ingress-nginx");
    }

    @Test
    void everyServiceTheDashboardCallsAdmitsIt() {
        for (String service : Canopy.DASHBOARD_CALLS.values()) {
            Map<String, String> target = podOf(service);
            boolean admitted = policies().stream().map(p -> p.path("spec"))
                    .filter(spec -> Manifests.texts(spec.path("policyTypes")).contains("Ingress"))
                    .filter(spec -> selects(spec.path("podSelector"), target))
                    .flatMap(spec -> list(spec.path("ingress")).stream())
                    .anyMatch(rule -> list(rule.path("from")).stream()
                            .anyMatch(from -> from.has("podSelector") && !from.has("namespaceSelector")
                                    && selects(from.path("podSelector"), DASHBOARD_POD)));
            assertThat(admitted).as(service + " admits the dashboard's pods").isTrue();
        }
    }

    @Test
    void theDashboardReachesOnlyTheFourServicesDnsAndTracing() {
        JsonNode spec = Manifests.get(Kustomize.overlay("prod"), "NetworkPolicy", "dashboard-egress").path("spec");
        assertThat(selects(spec.path("podSelector"), podOf(Canopy.DASHBOARD))).isTrue();
        assertThat(Manifests.texts(spec.path("policyTypes"))).containsExactly("Egress");

        List<String> reached = new ArrayList<>();
        for (JsonNode rule : spec.path("egress")) {
            assertThat(rule.path("to")).as("a peer is always named, never everything").isNotEmpty();
            for (JsonNode to : rule.path("to")) {
                assertThat(to.has("ipBlock")).as("no address range: no internet, no database by address").isFalse();
                String name = to.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText();
                String namespace = to.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                        .asText();
                for (JsonNode port : rule.path("ports")) {
                    reached.add((name.isEmpty() ? namespace : name) + ":" + port.path("port").asText());
                }
            }
        }
        List<String> expected = new ArrayList<>(List.of("kube-system:53", "kube-system:53", "observability:4317"));
        Canopy.DASHBOARD_CALLS.values().forEach(s -> expected.add(s + ":" + ServiceConfig.of(s).httpPort()));
        assertThat(reached).containsExactlyInAnyOrderElementsOf(expected);
    }
}
