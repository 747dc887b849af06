package io.canopy.simulator;

import static io.canopy.simulator.SimHttp.get;
import static io.canopy.simulator.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ControlApiTest extends SimulatorTestBase {

    static final String MPS_TOKEN = "6f1c2b9e-4d3a-4e8f-9b1a-2c3d4e5f6a7b";

    String ping() {
        return url("mps_monitor", "greenleaf-mps") + "/api/printreleaf/v1/ping";
    }

    @Test
    void theClockMovesForwardOnlyUnlessAskedToRewind() {
        assertThat(get(sim.baseUrl() + "/_sim/clock").json().path("date").asText()).isEqualTo("2026-02-15");
        SimHttp.clock(sim, "2026-02-20");
        var back = post(sim.baseUrl() + "/_sim/clock", "application/json", "{\"date\":\"2026-02-18\"}");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.body()).contains("only moves forward");
        assertThat(post(sim.baseUrl() + "/_sim/clock", "application/json",
                "{\"date\":\"2026-02-18\",\"allow_backward\":true}").status()).isEqualTo(200);
        assertThat(post(sim.baseUrl() + "/_sim/clock", "application/json", "{\"date\":\"soon\"}").status()).isEqualTo(400);
    }

    @Test
    void serversListTheUrlCredentialsAndCustomersADealerWouldRegister() {
        JsonNode servers = get(sim.baseUrl() + "/_sim/servers").json();
        assertThat(servers).hasSize(5);
        assertThat(servers).extracting(s -> s.path("type").asText()).containsExactlyInAnyOrder("mps_monitor",
                "print_tracker", "printanista", "onestop", "printerpoint");
        JsonNode pt = find(servers, "greenleaf-pt");
        assertThat(pt.path("url").asText()).isEqualTo(sim.baseUrl() + "/print_tracker/greenleaf-pt");
        assertThat(pt.path("credentials").path("entity_id").asText()).isEqualTo("5f1e0c2a9b8d7e6f5a4b3c2d");
        assertThat(pt.path("credentials").has("api_key")).isTrue();
        assertThat(pt.path("customers").get(0).has("external_id")).isTrue();
        int customers = 0;
        int devices = 0;
        for (JsonNode server : servers) {
            customers += server.path("customer_count").asInt();
        }
        for (var server : sim.world().servers()) {
            for (var customer : server.customers()) {
                devices += customer.devices().size();
            }
        }
        assertThat(customers).isEqualTo(20);
        assertThat(devices).isBetween(180, 240);
    }

    /**
     * Issue #16 §1: the demo holds, for each meter vendor, a feed activated on the first night (the
     * day after the clock) and one activated in the past, listed for the dealer to register; the
     * truth counts the activation day itself (devices installed before it).
     */
    @Test
    void theDemoListsFeedsActivatedOnTheFirstNightAndInThePastForEachMeterVendor() {
        JsonNode servers = get(sim.baseUrl() + "/_sim/servers").json();
        java.time.LocalDate firstNight = java.time.LocalDate.parse("2026-02-16");
        for (String server : List.of("greenleaf-mps", "greenleaf-pt", "copyright-pp")) {
            List<java.time.LocalDate> dates = new ArrayList<>();
            List<String> onFirstNight = new ArrayList<>();
            for (JsonNode customer : find(servers, server).path("customers")) {
                if (customer.has("activation_date")) {
                    java.time.LocalDate date = java.time.LocalDate.parse(customer.path("activation_date").asText());
                    dates.add(date);
                    if (date.equals(firstNight)) {
                        onFirstNight.add(customer.path("external_id").asText());
                    }
                }
            }
            assertThat(dates).as(server + ": activated on the first night").contains(firstNight);
            assertThat(dates).as(server + ": activated in the past").anyMatch(d -> d.isBefore(firstNight.minusDays(1)));
            for (String customer : onFirstNight) {
                JsonNode day = SimHttp.truth(sim, server, customer, firstNight.toString(), firstNight.plusDays(1).toString(),
                        null).path("days").get(0);
                assertThat(day.path("date").asText()).isEqualTo(firstNight.toString());
                assertThat(day.path("standard_pages").asLong()).as(server + " " + customer + " prints on its activation day")
                        .isPositive();
            }
        }
    }

    @Test
    void truthIsPerDayInTheHalfOpenWindowAndRejectsBadInput() {
        JsonNode days = SimHttp.truth(sim, "greenleaf-mps", "EA45CEF3D8EF6D0F", "2026-02-01", "2026-02-08", null)
                .path("days");
        assertThat(days).hasSize(7);
        assertThat(days.get(0).path("date").asText()).isEqualTo("2026-02-01");
        JsonNode monday = days.get(1);
        assertThat(monday.path("standard_pages").asLong()).isEqualTo(monday.path("small").asLong()
                + 2 * monday.path("large").asLong() - monday.path("duplex").asLong());
        assertThat(monday.path("duplex").asLong()).as("meter vendors report no duplex").isZero();
        long all = monday.path("small").asLong();
        long managed = SimHttp.truth(sim, "greenleaf-mps", "EA45CEF3D8EF6D0F", "2026-02-02", "2026-02-03",
                "managed_only").path("days").get(0).path("small").asLong();
        assertThat(managed).isLessThan(all);
        assertThat(get(sim.baseUrl() + "/_sim/truth?server=greenleaf-mps&customer=EA45CEF3D8EF6D0F&from=2026-02-08&to=2026-02-01")
                .status()).isEqualTo(400);
        assertThat(get(sim.baseUrl() + "/_sim/truth?server=nope&customer=x&from=2026-02-01&to=2026-02-02").status())
                .isEqualTo(404);
    }

    @Test
    void theRequestLogRecordsEveryVendorCallWithItsTimes() {
        SimHttp.delete(sim.baseUrl() + "/_sim/requests");
        get(ping(), "X-Dealer-Token", MPS_TOKEN);
        get(ping(), "X-Dealer-Token", "bad");
        JsonNode log = get(sim.baseUrl() + "/_sim/requests?server=greenleaf-mps").json().path("requests");
        assertThat(log).hasSize(2);
        assertThat(log.get(0).path("method").asText()).isEqualTo("GET");
        assertThat(log.get(0).path("path").asText()).isEqualTo("/api/printreleaf/v1/ping");
        assertThat(log).extracting(e -> e.path("status").asInt()).containsExactly(200, 401);
        assertThat(log.get(0).path("end_nanos").asLong()).isGreaterThanOrEqualTo(log.get(0).path("start_nanos").asLong());
    }

    @Test
    void countedStatusFaultsApplyToTheNextRequestsOnly() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"status\",\"status\":503,\"times\":2}");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(get(ping(), "X-Dealer-Token", MPS_TOKEN).status());
        }
        assertThat(statuses).containsExactly(503, 503, 200);
    }

    @Test
    void rateLimitsCarryRetryAfter() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"rate_limit\",\"retry_after\":7}");
        var r = get(ping(), "X-Dealer-Token", MPS_TOKEN);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("7");
    }

    @Test
    void aTruncatedBodyDoesNotParse() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"truncated\",\"path_contains\":\"/customers\"}");
        assertThat(get(ping(), "X-Dealer-Token", MPS_TOKEN).json().path("IsValid").asBoolean())
                .as("other paths unaffected").isTrue();
        var r = get(url("mps_monitor", "greenleaf-mps") + "/api/printreleaf/v1/customers", "X-Dealer-Token", MPS_TOKEN);
        assertThat(r.status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(r::json).isInstanceOf(AssertionError.class);
    }

    @Test
    void aGzipBombIsSmallOnTheWireAndHugeInflated() throws Exception {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"gzip_bomb\",\"bytes\":8388608}");
        var connection = (java.net.HttpURLConnection) java.net.URI.create(ping()).toURL().openConnection();
        connection.setRequestProperty("X-Dealer-Token", MPS_TOKEN);
        assertThat(connection.getHeaderField("Content-Encoding")).isEqualTo("gzip");
        byte[] wire = connection.getInputStream().readAllBytes();
        assertThat(wire.length).isLessThan(64 * 1024);
        try (var inflated = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
            assertThat(inflated.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(8L * 1024 * 1024);
        }
    }

    @Test
    void aHugeBodyStreamsItsBytesChunked() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"huge_body\",\"bytes\":3000000}");
        var r = get(ping(), "X-Dealer-Token", MPS_TOKEN);
        assertThat(r.header("Content-Length")).isNull();
        assertThat(r.body()).hasSize(3_000_002).startsWith("[").endsWith("]");
    }

    @Test
    void aSlowDripSendsTheNormalAnswerByteByByte() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"slow_drip\",\"ms\":1}");
        var r = get(ping(), "X-Dealer-Token", MPS_TOKEN);
        assertThat(r.json().path("IsValid").asBoolean()).isTrue();
        assertThat(r.header("Content-Length")).as("streamed, not sent whole").isNull();
    }

    @Test
    void endlessPagingAlwaysPromisesAnotherPage() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"endless_paging\",\"path_contains\":\"/customers\"}");
        var r = get(url("mps_monitor", "greenleaf-mps") + "/api/printreleaf/v1/customers?PageNumber=7&PageRows=500",
                "X-Dealer-Token", MPS_TOKEN);
        assertThat(r.json().path("TotalRows").asLong()).isEqualTo(7 * 500 + 1);
        SimHttp.fault(sim, "{\"server\":\"greenleaf-pt\",\"type\":\"endless_paging\"}");
        var page = get(url("print_tracker", "greenleaf-pt") + "/v1/entity/60a1b2c3d4e5f60718293a4d/device?page=9&limit=100",
                "x-api-key", "0d6e2f1a-8b7c-4d5e-9f0a-1b2c3d4e5f60");
        assertThat(page.json().size()).isEqualTo(100);
    }

    @Test
    void hangAndLatencyDelayTheAnswer() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"hang\",\"ms\":400}");
        long t0 = System.nanoTime();
        assertThat(get(ping(), "X-Dealer-Token", MPS_TOKEN).status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(400);
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"latency\",\"ms\":150,\"jitter_ms\":10}");
        t0 = System.nanoTime();
        get(ping(), "X-Dealer-Token", MPS_TOKEN);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void badFaultsAreRejectedWithTheReason() {
        var unknown = post(sim.baseUrl() + "/_sim/faults", "application/json", "{\"server\":\"greenleaf-mps\",\"type\":\"gremlins\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown fault type");
        assertThat(post(sim.baseUrl() + "/_sim/faults", "application/json", "{\"server\":\"nope\",\"type\":\"hang\"}").status())
                .isEqualTo(404);
        assertThat(post(sim.baseUrl() + "/_sim/faults", "application/json", "{\"server\":\"greenleaf-mps\",\"type\":\"status\"}")
                .status()).isEqualTo(400);
    }

    @Test
    void unknownServersAndVendorsAre404() {
        assertThat(get(sim.baseUrl() + "/mps_monitor/nobody/api/printreleaf/v1/ping").status()).isEqualTo(404);
        assertThat(get(sim.baseUrl() + "/xerox/greenleaf-mps/ping").status()).isEqualTo(404);
    }

    private static JsonNode find(JsonNode servers, String name) {
        for (JsonNode s : servers) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name);
    }
}
