package io.canopy.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalCanopy;

/**
 * {@code ./canopy bench night} at a small preset, in every {@code ./mvnw verify}, so the bench cannot
 * rot: 300 customers of 10 devices on 20 servers (all five vendors) answering after 5 ms. Correctness
 * only: the ledger equals the simulator's truth and the figure line parses; no timing is asserted.
 * It needs a stack of its own, since its simulator serves the bench's fleet, not the demo's.
 */
class NightBenchSmokeTest {

    static final NightOptions PRESET = NightOptions.parse("--customers", "300", "--devices-per-customer", "10",
            "--servers", "20", "--latency-ms", "5");

    @Test
    void aSmallNightEndsInALedgerEqualToTheTruthAndAFigureLineScriptsCanRead() throws Exception {
        Path root = Path.of(System.getProperty("canopy.home", "..")).toAbsolutePath().normalize();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        LocalCanopy stack = NightBench.start(root, root.resolve("e2e-tests/target/night-bench"),
                root.resolve("e2e-tests/target/night-bench-pg"), PRESET, out);
        NightFigures figures;
        try {
            figures = new NightRun(stack, PRESET, out).run();
        } finally {
            stack.down();
            System.out.println(output.toString(StandardCharsets.UTF_8));
        }
        String line = figures.line();
        System.out.println(line);

        Map<String, String> parsed = NightFigures.parse(line);
        assertThat(parsed).containsEntry("customers", "300").containsEntry("servers", "20").containsEntry("truth", "ok")
                .containsKeys("seconds", "bound_seconds", "bound_ratio", "metering_per_s", "raw_per_s", "raw_ratio",
                        "max_rss_mb");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("requests published", "collections done",
                "snapshots metered", "deposits published", "serial bound", "raw baseline", "metering-service");
    }
}
