package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.canopy.localstack.ServiceSpec;

/** The packaged suite starts as real processes, answers ready, and leaves nothing behind. */
class SuiteBootsTest {

    static Path root() {
        return Path.of(System.getProperty("canopy.home", "..")).toAbsolutePath().normalize();
    }

    @Test
    void everyServiceAndTheSimulatorComeUpAndDownStopsEveryProcess() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<ProcessHandle> started = new ArrayList<>();
        try (Suite suite = Suite.start(root(), root().resolve("e2e-tests/target/suite-boot"))) {
            for (ServiceSpec service : ServiceSpec.ALL) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create(suite.url(service.module()) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(service.module() + " ready").isEqualTo(200);
                started.add(suite.launcher().runningPid(service.module()).orElseThrow());
            }
            HttpResponse<String> servers = http.send(HttpRequest.newBuilder(
                    URI.create(suite.simulatorUrl() + "/_sim/servers")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(servers.statusCode()).isEqualTo(200);
            assertThat(servers.body()).contains("greenleaf-mps");
            // no endpoint takes files, so no service (nor the simulator) leaves ./file-uploads where it starts
            assertThat(Path.of("file-uploads")).as("uploads directory in the services' working directory").doesNotExist();
            assertThat(root().resolve("file-uploads")).as("uploads directory in the checkout").doesNotExist();
            started.add(suite.launcher().runningPid("kafka").orElseThrow());
            started.add(suite.launcher().runningPid("postgres").orElseThrow());
        }
        for (ProcessHandle process : started) {
            assertThat(process.isAlive()).as("pid " + process.pid() + " still running after down").isFalse();
        }
    }
}
