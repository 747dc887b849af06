package io.canopy.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class VendorSimulatorResourceTest {

    @Test
    void startsTheNamedScenarioOnAFreePortAndStopsIt() {
        var resource = new VendorSimulatorResource();
        resource.init(Map.of("scenario", "demo"));
        Map<String, String> config = resource.start();
        String url = config.get("canopy.simulator.url");
        try {
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(VendorSimulatorResource.current().baseUrl()).isEqualTo(url);
            assertThat(SimHttp.get(url + "/_sim/clock").status()).isEqualTo(200);
        } finally {
            resource.stop();
        }
        assertThat(VendorSimulatorResource.current()).isNull();
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            throw new AssertionError("the simulator still listens after stop");
        } catch (java.io.IOException expected) {
            // closed, as it should be
        }
    }

    @Test
    void everyStartInOneJvmListensOnTheSamePortSoAnAllowListCanNameItBeforehand() {
        int port = VendorSimulatorResource.jvmPort();
        for (String scenario : new String[] { "demo", "demo" }) {
            var resource = new VendorSimulatorResource();
            resource.init(Map.of("scenario", scenario));
            Map<String, String> config = resource.start();
            try {
                assertThat(config).containsEntry("canopy.simulator.address", "127.0.0.1:" + port)
                        .containsEntry("canopy.simulator.url", "http://127.0.0.1:" + port);
            } finally {
                resource.stop();
            }
        }
    }
}
