package io.canopy.simulator;

import static io.canopy.simulator.SimHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class MpsMonitorContractTest extends SimulatorTestBase {

    static final String TOKEN = "6f1c2b9e-4d3a-4e8f-9b1a-2c3d4e5f6a7b";
    static final String API = "/api/printreleaf/v1";

    String base() {
        return url("mps_monitor", "greenleaf-mps") + API;
    }

    @Test
    void pingWithTheDealerTokenIsValid() {
        var r = get(base() + "/ping", "X-Dealer-Token", TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("IsValid").asBoolean()).isTrue();
        assertThat(r.json().has("Errors")).isTrue();
        assertThat(r.json().has("TotalRows")).isTrue();
    }

    @Test
    void aWrongTokenGets401InvalidDealerToken() {
        var r = get(base() + "/ping", "X-Dealer-Token", "00000000-0000-0000-0000-000000000000");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("IsValid").asBoolean()).isFalse();
        assertThat(r.json().path("Errors").get(0).path("Code").asText()).isEqualTo("InvalidDealerToken");
        assertThat(get(base() + "/ping").status()).isEqualTo(401);
    }

    @Test
    void customersArePagedWithTotalRows() {
        JsonNode first = get(base() + "/customers?PageNumber=1&PageRows=3", "X-Dealer-Token", TOKEN).json();
        JsonNode second = get(base() + "/customers?PageNumber=2&PageRows=3", "X-Dealer-Token", TOKEN).json();
        assertThat(first.path("TotalRows").asInt()).isEqualTo(4);
        assertThat(first.path("Result")).hasSize(3);
        assertThat(second.path("Result")).hasSize(1);
        assertThat(first.path("Result").get(0).path("CustomerCode").asText()).matches("[0-9A-F]{16}");
        assertThat(first.path("Result").get(0).has("CustomerDescription")).isTrue();
    }

    @Test
    void devicesCarryLifetimeCountersReadAt23hLocalYesterday() {
        JsonNode result = get(base() + "/customers/EA45CEF3D8EF6D0F/devices?PageNumber=1&PageRows=500",
                "X-Dealer-Token", TOKEN).json();
        assertThat(result.path("TotalRows").asInt()).isEqualTo(11);
        JsonNode body = result.path("Result");
        assertThat(body.path("TimeZoneIana").asText()).isEqualTo("Europe/London");
        JsonNode device = body.path("Devices").get(0);
        for (String field : new String[] { "Id", "SerialNumber", "AssetNumber", "Brand", "Model", "IsManaged",
                "Install", "Uninstall", "LastUpdate", "Counter" }) {
            assertThat(device.has(field)).as(field).isTrue();
        }
        // clock 2026-02-15: the newest read is 2026-02-14 23:00 London (UTC in winter)
        assertThat(device.path("LastUpdate").asText()).isEqualTo("2026-02-14T23:00:00Z");
        JsonNode counter = device.path("Counter");
        assertThat(counter.path("Mono").asLong() + counter.path("Color").asLong())
                .isGreaterThanOrEqualTo(counter.path("MonoA3").asLong() + counter.path("ColorA3").asLong());
    }

    @Test
    void devicesArePagedUntilPageTimesRowsReachesTotalRows() {
        JsonNode page4 = get(base() + "/customers/EA45CEF3D8EF6D0F/devices?PageNumber=4&PageRows=3",
                "X-Dealer-Token", TOKEN).json();
        assertThat(page4.path("Result").path("Devices")).hasSize(2);
    }

    @Test
    void anUnknownCustomerIs404CustomerNotFound() {
        var r = get(base() + "/customers/FFFFFFFFFFFFFFFF/devices", "X-Dealer-Token", TOKEN);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("Errors").get(0).path("Code").asText()).isEqualTo("CustomerNotFound");
    }

    @Test
    void anInvalidFaultIsA200WithIsValidFalse() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"invalid\",\"code\":\"DatabaseUnavailable\"}");
        var r = get(base() + "/ping", "X-Dealer-Token", TOKEN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("IsValid").asBoolean()).isFalse();
        assertThat(r.json().path("Errors").get(0).path("Code").asText()).isEqualTo("DatabaseUnavailable");
        assertThat(get(base() + "/ping", "X-Dealer-Token", TOKEN).json().path("IsValid").asBoolean()).isTrue();
    }

    @Test
    void revokedCredentialsAreRejectedUntilRestored() {
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"revoke_credentials\"}");
        assertThat(get(base() + "/ping", "X-Dealer-Token", TOKEN).status()).isEqualTo(401);
        SimHttp.fault(sim, "{\"server\":\"greenleaf-mps\",\"type\":\"restore_credentials\"}");
        assertThat(get(base() + "/ping", "X-Dealer-Token", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void garbageOfAnyJsonTypeIsServedVerbatim() {
        var scenario = io.canopy.simulator.scenario.ScenarioLoader.parse("""
                clock: 2026-02-15
                servers:
                  - vendor: mps_monitor
                    name: g
                    credentials: { dealer_token: t }
                    customers:
                      - id: AAAAAAAAAAAAAAAA
                        devices:
                          - { id: NEG, install: 2026-01-01, garbage: [ { on: 2026-02-14, value: -5 } ] }
                          - { id: BOOL, install: 2026-01-01, garbage: [ { on: 2026-02-14, value: true } ] }
                          - { id: BIG, install: 2026-01-01, garbage: [ { on: 2026-02-14, value: 99999999999999 } ] }
                """);
        try (VendorSimulator g = VendorSimulator.start(scenario, 0)) {
            JsonNode devices = get(g.serverUrl("mps_monitor", "g") + API + "/customers/AAAAAAAAAAAAAAAA/devices",
                    "X-Dealer-Token", "t").json().path("Result").path("Devices");
            assertThat(devices.get(0).path("Counter").path("Mono").asLong()).isEqualTo(-5);
            assertThat(devices.get(1).path("Counter").path("Mono").isBoolean()).isTrue();
            assertThat(devices.get(2).path("Counter").path("Mono").asLong()).isEqualTo(99_999_999_999_999L);
        }
    }

    @Test
    void writesAreRefused() {
        var r = SimHttp.post(base() + "/customers", "application/json", "{}", "X-Dealer-Token", TOKEN);
        assertThat(r.status()).isEqualTo(405);
    }
}
