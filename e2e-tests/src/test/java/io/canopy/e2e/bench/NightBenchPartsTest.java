package io.canopy.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.canopy.e2e.Vendors;

class NightBenchPartsTest {

    @Test
    void withoutOptionsTheNightIsTheIssuesDealerNetwork() {
        assertThat(NightOptions.parse()).isEqualTo(new NightOptions(10_000, 50, 200, 100, 1, List.of()));
        NightOptions sweep = NightOptions.parse("--sweep", "1000,3000,10000", "--instances", "2", "--latency-ms", "5");
        assertThat(sweep.sizes()).containsExactly(1000, 3000, 10_000);
        assertThat(sweep.withCustomers(3000).customers()).isEqualTo(3000);
        assertThat(sweep.withCustomers(3000).instances()).isEqualTo(2);
    }

    @Test
    void aBadOptionIsAClearErrorNamingIt() {
        assertThatThrownBy(() -> NightOptions.parse("--customers", "many")).hasMessageContaining("--customers");
        assertThatThrownBy(() -> NightOptions.parse("--servers")).hasMessageContaining("--servers needs a value");
        assertThatThrownBy(() -> NightOptions.parse("--colour", "green")).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> NightOptions.parse("--instances", "9")).hasMessageContaining("--instances");
    }

    @Test
    void customersAreSpreadEvenlyOverServersOfAllFiveVendorsTenToADealer() {
        List<BenchScenario.Server> servers = BenchScenario.servers(1003, 20);
        assertThat(servers).hasSize(20);
        assertThat(servers.stream().mapToInt(BenchScenario.Server::customers).sum()).isEqualTo(1003);
        assertThat(servers).extracting(BenchScenario.Server::customers).allMatch(n -> n == 50 || n == 51);
        assertThat(servers).extracting(BenchScenario.Server::vendor).containsOnly("mps_monitor", "print_tracker",
                "printerpoint", "onestop", "printanista");
        assertThat(servers.get(9).name()).isEqualTo("d01-s009");
        assertThat(servers.get(10).name()).isEqualTo("d02-s010");
        assertThat(BenchScenario.servers(3, 20)).as("no server without customers").hasSize(3);

        String yaml = BenchScenario.yaml(100, 7, 5, 40);
        assertThat(yaml).contains("latency_ms: 40", "generate: { customers: 20, devices_per_customer: 7",
                "vendor: printanista", "credentials: " + Vendors.sampleCredentialsYaml("printanista", 4));
        assertThat(yaml.lines().filter(line -> line.contains("credentials: ")))
                .as("each server its own credentials, in its vendor's fields").hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void theFigureLineHasNumbersOnlyAndTruthOkOrFailed() {
        NightFigures figures = new NightFigures(10_000, 200, 123.44, 10, 4567.2, 12345.6, 280, true);
        assertThat(figures.line()).isEqualTo("night: customers=10000 servers=200 seconds=123.4 bound_seconds=10.0"
                + " bound_ratio=12.3 metering_per_s=4567 raw_per_s=12346 raw_ratio=2.7 max_rss_mb=280 truth=ok");
        assertThat(NightFigures.parse(figures.line())).containsEntry("truth", "ok").hasSize(10);
        assertThat(new NightFigures(1, 1, 1, 1, 1, 1, 1, false).line()).endsWith("truth=FAILED");
        assertThatThrownBy(() -> NightFigures.parse("night: seconds=fast truth=ok"))
                .isInstanceOf(NumberFormatException.class);
    }
}
