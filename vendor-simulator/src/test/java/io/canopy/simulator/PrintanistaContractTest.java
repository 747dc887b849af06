package io.canopy.simulator;

import static io.canopy.simulator.SimHttp.basic;
import static io.canopy.simulator.SimHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class PrintanistaContractTest extends SimulatorTestBase {

    static final String AUTH = basic("greenleaf-admin", "s1mulated-Pa55");
    static final String KEY = "eci-7c2f9a41b6d84e0f";

    String api() {
        return url("printanista", "greenleaf-eci") + "/api/printreleaf/v1";
    }

    SimHttp.Response report(String report, String account, String start, String end) {
        return get(api() + "/reports/" + report + "?accountId=" + account + "&startDate=" + start + "&endDate=" + end,
                "Authorization", AUTH, "X-Api-Key", KEY);
    }

    @Test
    void aBadPasswordIs401AndABadKey403() {
        assertThat(get(api() + "/accounts", "Authorization", basic("greenleaf-admin", "x"), "X-Api-Key", KEY).status())
                .isEqualTo(401);
        assertThat(get(api() + "/accounts", "Authorization", AUTH, "X-Api-Key", "nope").status()).isEqualTo(403);
    }

    @Test
    void onlyAccountsWithTheIntegrationEnabledAreListedWithTheirReports() {
        JsonNode accounts = get(api() + "/accounts", "Authorization", AUTH, "X-Api-Key", KEY).json();
        assertThat(accounts).extracting(a -> a.path("accountId").asText()).containsExactly("456", "457", "458");
        assertThat(accounts.get(1).path("reports")).extracting(JsonNode::asText).containsExactly("printreleaf-managed-only");
    }

    @Test
    void reportsMatchTheTruthForTheirScope() {
        JsonNode all = report("printreleaf", "456", "2026-02-10", "2026-02-11").json();
        JsonNode managed = report("printreleaf-managed-only", "456", "2026-02-10", "2026-02-11").json();
        JsonNode truthAll = SimHttp.truth(sim, "greenleaf-eci", "456", "2026-02-10", "2026-02-11", null).path("days").get(0);
        JsonNode truthManaged = SimHttp.truth(sim, "greenleaf-eci", "456", "2026-02-10", "2026-02-11", "managed_only")
                .path("days").get(0);
        assertThat(all.path("smallPageCount").asLong()).isEqualTo(truthAll.path("small").asLong());
        assertThat(all.path("largePageCount").asLong()).isEqualTo(truthAll.path("large").asLong());
        assertThat(all.path("duplexPageCount").asLong()).isEqualTo(truthAll.path("duplex").asLong());
        assertThat(all.path("numberOfDevices").asInt()).isEqualTo(12);
        assertThat(managed.path("smallPageCount").asLong()).isEqualTo(truthManaged.path("small").asLong())
                .isLessThan(all.path("smallPageCount").asLong());
        assertThat(all.path("lastAuditDate").asText()).isEqualTo("2026-02-14");
        assertThat(all.path("reportName").asText()).isEqualTo("printreleaf");
    }

    @Test
    void aReportNotGrantedOrADisabledIntegrationIs409() {
        assertThat(report("printreleaf", "457", "2026-02-10", "2026-02-11").json().path("error").asText())
                .isEqualTo("PrintReleafIntegrationDisabled");
        assertThat(report("printreleaf", "459", "2026-02-10", "2026-02-11").status()).isEqualTo(409);
        SimHttp.fault(sim, "{\"server\":\"greenleaf-eci\",\"type\":\"disable_integration\",\"customer\":\"456\"}");
        assertThat(report("printreleaf", "456", "2026-02-10", "2026-02-11").status()).isEqualTo(409);
    }

    @Test
    void unknownAccountsAre404AndBadRanges400() {
        assertThat(report("printreleaf", "999", "2026-02-10", "2026-02-11").status()).isEqualTo(404);
        assertThat(report("printreleaf", "456", "2026-02-11", "2026-02-10").status()).isEqualTo(400);
        assertThat(report("printreleaf", "456", "yesterday", "2026-02-10").status()).isEqualTo(400);
    }

    @Test
    void lastAuditDateStopsWhileTheAgentIsStale() {
        SimHttp.clock(sim, "2026-03-19");
        JsonNode stale = report("printreleaf", "458", "2026-03-17", "2026-03-18").json();
        assertThat(stale.path("lastAuditDate").asText()).isEqualTo("2026-03-15");
        assertThat(stale.path("smallPageCount").asLong()).isZero();
        SimHttp.clock(sim, "2026-03-21");
        JsonNode recovered = report("printreleaf", "458", "2026-03-17", "2026-03-18").json();
        assertThat(recovered.path("lastAuditDate").asText()).isEqualTo("2026-03-20");
        assertThat(recovered.path("smallPageCount").asLong()).isPositive();
    }
}
