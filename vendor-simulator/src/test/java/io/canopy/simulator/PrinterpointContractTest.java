package io.canopy.simulator;

import static io.canopy.simulator.SimHttp.basic;
import static io.canopy.simulator.SimHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class PrinterpointContractTest extends SimulatorTestBase {

    static final String AUTH = basic("pp-3e9b1c7d5a2f4e6b8c0d", "");

    String base() {
        return url("printerpoint", "copyright-pp");
    }

    @Test
    void aBadTokenIs401WithABasicChallenge() {
        var r = get(base() + "/dealer/printers", "Authorization", basic("wrong", ""));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void theWholeFleetOrOneCustomer() {
        JsonNode fleet = get(base() + "/dealer/printers", "Authorization", AUTH).json();
        JsonNode poplar = get(base() + "/dealer/printers?customerCompanyId=88001", "Authorization", AUTH).json();
        assertThat(fleet).hasSize(42);
        assertThat(poplar).hasSize(10);
        JsonNode printer = poplar.get(0);
        for (String field : new String[] { "printerId", "customerCompanyId", "customerCompanyName", "serialNumber",
                "nickname", "assetId", "make", "model", "lastSeen", "meters" }) {
            assertThat(printer.has(field)).as(field).isTrue();
        }
        assertThat(printer.path("meters")).extracting(m -> m.path("name").asText()).contains("Pages Monochrome Total",
                "Pages Color Total", "Pages Monochrome Tabloid", "Pages Color Tabloid");
        assertThat(printer.path("meters").get(0).path("unit").asText()).isEqualTo("clicks");
    }

    @Test
    void aSevenDigitCounterRollsOver() {
        long before = total("POPLAR-ROLL");
        boolean wrapped = false;
        for (int day = 16; day <= 28 && !wrapped; day++) {
            SimHttp.clock(sim, String.format("2026-02-%02d", day));
            long now = total("POPLAR-ROLL");
            wrapped = now < before;
            assertThat(now).isLessThan(10_000_000L);
            before = now;
        }
        for (int day = 1; day <= 20 && !wrapped; day++) {
            SimHttp.clock(sim, String.format("2026-03-%02d", day));
            long now = total("POPLAR-ROLL");
            wrapped = now < before;
            before = now;
        }
        assertThat(wrapped).as("the counter wrapped at 10,000,000 within the demo period").isTrue();
    }

    @Test
    void aGarbageValueIsServedAsTheVendorWould() {
        SimHttp.clock(sim, "2026-02-28");
        JsonNode na = printer("QUINCE-NA");
        assertThat(na.path("meters").get(0).path("value").asText()).isEqualTo("N/A");
    }

    private long total(String id) {
        JsonNode p = printer(id);
        return p.path("meters").get(0).path("value").asLong() + p.path("meters").get(1).path("value").asLong();
    }

    private JsonNode printer(String id) {
        for (JsonNode p : get(base() + "/dealer/printers", "Authorization", AUTH).json()) {
            if (p.path("printerId").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no printer " + id);
    }
}
