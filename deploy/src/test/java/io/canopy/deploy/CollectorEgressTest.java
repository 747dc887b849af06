package io.canopy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The collector reads dealer-chosen URLs, so in production its egress is the vendors' 443 on the
 * public internet plus Kafka, DNS and tracing: a refused SSRF check is backed by the network too.
 */
class CollectorEgressTest {

    static final List<String> INTERNAL_V4 = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
            "169.254.0.0/16", "100.64.0.0/10");

    private static JsonNode policy() {
        return Manifests.get(Kustomize.overlay("prod"), "NetworkPolicy", "collector-service-egress").path("spec");
    }

    @Test
    void theCollectorsEgressIsRestrictedToItsOwnPods() {
        JsonNode spec = policy();
        assertThat(spec.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())
                .isEqualTo("collector-service");
        assertThat(spec.path("policyTypes")).extracting(JsonNode::asText).containsExactly("Egress");
    }

    @Test
    void theInternetIsReachableOnlyOn443AndNeverItsPrivateRanges() {
        List<JsonNode> internetRules = new ArrayList<>();
        for (JsonNode rule : policy().path("egress")) {
            boolean toIpBlock = false;
            for (JsonNode to : rule.path("to")) {
                if (to.has("ipBlock")) {
                    toIpBlock = true;
                    if (to.path("ipBlock").path("cidr").asText().equals("0.0.0.0/0")) {
                        List<String> except = new ArrayList<>();
                        to.path("ipBlock").path("except").forEach(e -> except.add(e.asText()));
                        assertThat(except).containsAll(INTERNAL_V4);
                    }
                    if (to.path("ipBlock").path("cidr").asText().equals("::/0")) {
                        List<String> except = new ArrayList<>();
                        to.path("ipBlock").path("except").forEach(e -> except.add(e.asText()));
                        assertThat(except).contains("fc00::/7", "fe80::/10", "::1/128");
                    }
                }
            }
            if (toIpBlock) {
                internetRules.add(rule);
            }
        }
        assertThat(internetRules).hasSize(1);
        assertThat(internetRules.get(0).path("ports")).extracting(p -> p.path("port").asInt()).containsExactly(443);
    }

    @Test
    void insideTheClusterOnlyKafkaDnsAndTracingAreReachable() {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode rule : policy().path("egress")) {
            boolean internal = false;
            for (JsonNode to : rule.path("to")) {
                internal |= to.has("podSelector") || to.has("namespaceSelector");
            }
            if (internal) {
                rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
                assertThat(rule.path("to")).as("an internal peer is always selected, never everything").allSatisfy(
                        to -> assertThat(to.has("podSelector") || to.path("namespaceSelector").size() > 0).isTrue());
            }
        }
        assertThat(ports).containsExactlyInAnyOrder(9093, 53, 53, 4317);
    }
}
