package io.canopy.simulator;

import static io.canopy.simulator.SimHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.scenario.ScenarioLoader;

class PrintTrackerContractTest extends SimulatorTestBase {

    static final String KEY = "0d6e2f1a-8b7c-4d5e-9f0a-1b2c3d4e5f60";
    static final String DEALER = "5f1e0c2a9b8d7e6f5a4b3c2d";
    static final String ELM = "60a1b2c3d4e5f60718293a4b";

    /** The demo plus a second Print Tracker dealer, to tell "not yours" (403) from "unknown" (404). */
    static final Scenario TWO_DEALERS = ScenarioLoader.parse("""
            name: two-pt-dealers
            seed: 1
            clock: 2026-02-15
            servers:
              - vendor: print_tracker
                name: dealer-a
                credentials: { entity_id: aaaaaaaaaaaaaaaaaaaaaaaa, api_key: 11111111-1111-1111-1111-111111111111 }
                customers:
                  - { id: aaaaaaaaaaaaaaaaaaaaaa01, name: A1, devices: [ { id: A1-D, count: 3, install: 2026-01-01 } ] }
              - vendor: print_tracker
                name: dealer-b
                credentials: { entity_id: bbbbbbbbbbbbbbbbbbbbbbbb, api_key: 22222222-2222-2222-2222-222222222222 }
                customers:
                  - { id: bbbbbbbbbbbbbbbbbbbbbb01, name: B1, devices: [ { id: B1-D, install: 2026-01-01 } ] }
            """);

    String base() {
        return url("print_tracker", "greenleaf-pt") + "/v1";
    }

    @Test
    void theDealerEntityListsItsCustomersAsChildren() {
        var r = get(base() + "/entity/" + DEALER + "?includeChildren=true", "x-api-key", KEY);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asText()).isEqualTo(DEALER);
        assertThat(r.json().path("children")).hasSize(4);
        assertThat(r.json().path("children").get(0).path("id").asText()).matches("[0-9a-f]{24}");
    }

    @Test
    void aBadKeyIs401() {
        assertThat(get(base() + "/entity/" + DEALER, "x-api-key", "nope").status()).isEqualTo(401);
    }

    @Test
    void anotherDealersEntityIs403AndAnUnknownOne404() {
        try (VendorSimulator two = VendorSimulator.start(TWO_DEALERS, 0)) {
            String a = two.serverUrl("print_tracker", "dealer-a") + "/v1";
            String key = "11111111-1111-1111-1111-111111111111";
            assertThat(get(a + "/entity/bbbbbbbbbbbbbbbbbbbbbbbb", "x-api-key", key).status()).isEqualTo(403);
            assertThat(get(a + "/entity/bbbbbbbbbbbbbbbbbbbbbb01/meter?start=2026-02-01T00:00:00Z&end=2026-02-02T00:00:00Z",
                    "x-api-key", key).status()).isEqualTo(403);
            assertThat(get(a + "/entity/cccccccccccccccccccccccc", "x-api-key", key).status()).isEqualTo(404);
        }
    }

    @Test
    void devicesArePagedAndAShortPageIsTheLast() {
        JsonNode page1 = get(base() + "/entity/" + ELM + "/device?page=1&limit=4", "x-api-key", KEY).json();
        JsonNode page3 = get(base() + "/entity/" + ELM + "/device?page=3&limit=4", "x-api-key", KEY).json();
        assertThat(page1).hasSize(4);
        assertThat(page3).hasSize(2);
        assertThat(page1.get(0).has("assetID")).isTrue();
        assertThat(page1.get(0).path("managed").isBoolean()).isTrue();
    }

    @Test
    void meterReadsCarryStringValuesAndTheirDeltasAreTheTruth() {
        List<JsonNode> reads = reads(ELM, "2026-02-09T00:00:00Z", "2026-02-12T00:00:00Z");
        JsonNode first = reads.get(0);
        assertThat(first.path("pageCounts").path("life").path("total").path("value").isTextual()).isTrue();
        // Elm Street School is in America/Denver: reads at 23:00 local = 06:00Z next day.
        assertThat(first.path("timestamp").asText()).endsWith("T06:00:00Z");
        // Sum of deltas per device for the day 2026-02-10 equals the truth of that day.
        long delta = 0;
        for (JsonNode read : reads) {
            if (read.path("timestamp").asText().equals("2026-02-11T06:00:00Z")) {
                String device = read.path("deviceKey").asText();
                JsonNode before = reads.stream().filter(r -> r.path("deviceKey").asText().equals(device)
                        && r.path("timestamp").asText().equals("2026-02-10T06:00:00Z")).findFirst().orElseThrow();
                delta += total(read) - total(before);
            }
        }
        long truth = SimHttp.truth(sim, "greenleaf-pt", ELM, "2026-02-10", "2026-02-11", null).path("days").get(0)
                .path("standard_pages").asLong();
        assertThat(delta).isEqualTo(truth).isPositive();
    }

    @Test
    void duplicateAndMidDayReadsAppear() {
        SimHttp.clock(sim, "2026-02-26");
        List<JsonNode> dup = reads(ELM, "2026-02-21T00:00:00Z", "2026-02-22T00:00:00Z").stream()
                .filter(r -> r.path("deviceKey").asText().equals("ELM-DUP")).toList();
        assertThat(dup).hasSize(2);
        assertThat(dup.get(0).path("timestamp")).isEqualTo(dup.get(1).path("timestamp"));
        List<JsonNode> extra = reads(ELM, "2026-02-24T00:00:00Z", "2026-02-26T00:00:00Z").stream()
                .filter(r -> r.path("deviceKey").asText().equals("ELM-DUP")).toList();
        assertThat(extra).extracting(r -> r.path("timestamp").asText())
                .containsExactly("2026-02-24T06:00:00Z", "2026-02-24T19:00:00Z", "2026-02-25T06:00:00Z");
    }

    @Test
    void lateReadsAppearDaysAfterTheirTimestamp() {
        String start = "2026-02-14T00:00:00Z";
        String end = "2026-02-16T00:00:00Z";
        assertThat(reads(ELM, start, end).stream().filter(r -> r.path("deviceKey").asText().equals("ELM-LATE")))
                .as("the read of 02-14 is not visible at clock 02-15 (2 days late)").isEmpty();
        SimHttp.clock(sim, "2026-02-16");
        assertThat(reads(ELM, start, end).stream().filter(r -> r.path("deviceKey").asText().equals("ELM-LATE")))
                .as("02-13's read shows at clock 02-16, 02-14's not yet").hasSize(1);
    }

    @Test
    void aStaleAgentsReadsAppearAfterItRecovers() {
        String fir = "60a1b2c3d4e5f60718293a4c";
        SimHttp.clock(sim, "2026-03-13");
        assertThat(reads(fir, "2026-03-10T00:00:00Z", "2026-03-13T00:00:00Z")).isEmpty();
        SimHttp.clock(sim, "2026-03-16");
        assertThat(reads(fir, "2026-03-10T00:00:00Z", "2026-03-13T00:00:00Z")).hasSize(30);
    }

    @Test
    void theCounterSourceIsFixedPerDeviceAndAnEquivGroupMustNotBeMistakenForLife() {
        JsonNode read = reads("60a1b2c3d4e5f60718293a4e", "2026-02-10T00:00:00Z", "2026-02-11T00:00:00Z").get(0);
        assertThat(read.path("pageCounts").has("life")).isFalse();
        assertThat(read.path("pageCounts").path("default").path("total").path("value").asText()).isNotEmpty();
        JsonNode elm = reads(ELM, "2026-02-10T00:00:00Z", "2026-02-11T00:00:00Z").get(0);
        assertThat(Long.parseLong(elm.path("pageCounts").path("equiv").path("total").path("value").asText()))
                .isNotEqualTo(total(elm));
    }

    @Test
    void aBlankValueIsServedAsTheVendorWould() {
        SimHttp.clock(sim, "2026-02-28");
        JsonNode blank = reads("60a1b2c3d4e5f60718293a4d", "2026-02-26T00:00:00Z", "2026-02-27T00:00:00Z").stream()
                .filter(r -> r.path("deviceKey").asText().equals("GROVE-BLANK")).findFirst().orElseThrow();
        assertThat(blank.path("pageCounts").path("life").path("total").path("value").asText()).isEmpty();
    }

    private List<JsonNode> reads(String customer, String start, String end) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1;; page++) {
            var r = get(base() + "/entity/" + customer + "/meter?start=" + start + "&end=" + end + "&page=" + page
                    + "&limit=7", "x-api-key", KEY);
            assertThat(r.status()).isEqualTo(200);
            r.json().forEach(all::add);
            if (r.json().size() < 7) {
                return all;
            }
        }
    }

    private static long total(JsonNode read) {
        return Long.parseLong(read.path("pageCounts").path("life").path("total").path("value").asText());
    }
}
