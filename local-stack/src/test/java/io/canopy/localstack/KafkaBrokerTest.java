package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.canopy.localstack.testing.KafkaProbe;

class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void brokerAcceptsProduceAndConsumeThenStopReallyStops() {
        KafkaBroker broker = KafkaBroker.start(0, dir, true, 1, Duration.ofSeconds(90));
        long pid = broker.pid();
        try {
            assertThat(Ports.isListening(broker.port())).isTrue();
            String echoed = KafkaProbe.roundTrip(broker.bootstrapServers(), "local-stack.probe", "hello",
                    Duration.ofSeconds(30));
            assertThat(echoed).isEqualTo("hello");
        } finally {
            broker.close();
        }
        assertThat(Ports.isListening(broker.port())).as("port closed after stop").isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("broker process gone after stop").isFalse();
    }

    @Test
    void aBusyPortIsReportedClearly() throws Exception {
        try (var busy = new java.net.ServerSocket(0)) {
            int port = busy.getLocalPort();
            org.assertj.core.api.Assertions
                    .assertThatThrownBy(() -> KafkaBroker.start(port, dir, true, 1, Duration.ofSeconds(5)))
                    .hasMessageContaining("port " + port + " is already in use");
        }
    }
}
