package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsLieBelowTheEphemeralRangeBindAndAreNeverHandedOutTwice() throws Exception {
        int[] ephemeral = Ports.ephemeralRange();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ports.add(Ports.free());
        }

        assertThat(ports).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).as("outside the range outgoing connections use")
                        .isGreaterThanOrEqualTo(10_000).isLessThan(ephemeral[0]));
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", ports.get(0)));
            assertThat(socket.getLocalPort()).isEqualTo(ports.get(0));
        }
    }

    @Test
    void theEphemeralRangeIsReadFromTheSystemOrLinuxsDefault() {
        int[] range = Ports.ephemeralRange();
        assertThat(range[0]).isPositive().isLessThan(range[1]);
    }
}
