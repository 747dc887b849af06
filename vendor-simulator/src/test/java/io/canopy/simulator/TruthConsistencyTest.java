package io.canopy.simulator;

import static io.canopy.simulator.SimHttp.basic;
import static io.canopy.simulator.SimHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The promise behind /_sim/truth: a perfect pipeline that reads the current-counter APIs night by
 * night (first reading = baseline) deposits exactly the truth, day by day, including a counter
 * reset, a device moving between customers, a device installed mid-period and a rollover.
 */
class TruthConsistencyTest extends SimulatorTestBase {

    @Test
    void nightlyMpsMonitorDeltasEqualTheTruthIncludingResetMoveAndNewDevice() {
        String base = url("mps_monitor", "greenleaf-mps") + "/api/printreleaf/v1/customers/";
        String[] customers = { "EA45CEF3D8EF6D0F", "1B7D20C4F9A3E605", "9C0FFEE1D00DAD42" };
        Map<String, Map<String, Long>> last = new HashMap<>();
        LocalDate night = LocalDate.of(2026, 3, 1);
        for (int n = 0; n < 14; n++, night = night.plusDays(1)) {
            SimHttp.clock(sim, night.toString());
            for (String customer : customers) {
                JsonNode devices = get(base + customer + "/devices?PageNumber=1&PageRows=500", "X-Dealer-Token",
                        MpsMonitorContractTest.TOKEN).json().path("Result").path("Devices");
                Map<String, Long> previous = last.computeIfAbsent(customer, k -> new HashMap<>());
                long pages = 0;
                for (JsonNode d : devices) {
                    JsonNode c = d.path("Counter");
                    long large = c.path("MonoA3").asLong() + c.path("ColorA3").asLong();
                    long standard = c.path("Mono").asLong() + c.path("Color").asLong() - large + 2 * large;
                    Long before = previous.put(d.path("Id").asText(), standard);
                    if (before != null) {
                        // a drop is a reset to zero: the new value is the day's volume
                        pages += standard >= before ? standard - before : standard;
                    }
                }
                if (n > 0) {
                    String day = night.minusDays(1).toString();
                    long truth = SimHttp.truth(sim, "greenleaf-mps", customer, day, night.toString(), null).path("days")
                            .get(0).path("standard_pages").asLong();
                    assertThat(pages).as("%s on %s", customer, day).isEqualTo(truth);
                }
            }
        }
    }

    @Test
    void nightlyPrinterpointDeltasEqualTheTruthAcrossARollover() {
        String url = url("printerpoint", "copyright-pp") + "/dealer/printers?customerCompanyId=88001";
        Map<String, Long> last = new HashMap<>();
        LocalDate night = LocalDate.of(2026, 2, 20);
        for (int n = 0; n < 30; n++, night = night.plusDays(1)) {
            SimHttp.clock(sim, night.toString());
            long pages = 0;
            for (JsonNode p : get(url, "Authorization", basic("pp-3e9b1c7d5a2f4e6b8c0d", "")).json()) {
                long total = p.path("meters").get(0).path("value").asLong() + p.path("meters").get(1).path("value").asLong();
                long large = p.path("meters").get(2).path("value").asLong() + p.path("meters").get(3).path("value").asLong();
                long standard = total + large;
                Long before = last.put(p.path("printerId").asText(), standard);
                if (before != null) {
                    pages += standard >= before ? standard - before : standard + 10_000_000L - before;
                }
            }
            if (n > 0) {
                String day = night.minusDays(1).toString();
                long truth = SimHttp.truth(sim, "copyright-pp", "88001", day, night.toString(), null).path("days").get(0)
                        .path("standard_pages").asLong();
                assertThat(pages).as("Poplar on %s", day).isEqualTo(truth);
            }
        }
    }
}
