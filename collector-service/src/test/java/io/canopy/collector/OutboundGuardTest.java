package io.canopy.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.canopy.collector.client.VendorHttp;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.VendorType;
import io.canopy.kit.net.OutboundAddresses;
import io.canopy.localstack.LocalStackResource;
import io.canopy.localstack.Ports;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The collector's outbound rules at connect time, over real sockets on loopback only: internal
 * addresses are refused unless their host:port is allow-listed (here ONLY a raw socket server of this
 * test, NOT the simulator), and request bodies go out whole with Content-Length, never chunked.
 */
@QuarkusTest
@TestProfile(OutboundGuardTest.OnlyTheRawServerIsAllowed.class)
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class OutboundGuardTest {

    static final int RAW_PORT = Ports.free();
    /** A second raw server on 127.0.0.2, reached only through a name our test resolver points there. */
    static final int PINNED_PORT = Ports.free();

    public static class OnlyTheRawServerIsAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("canopy.collector.allowed-private-hosts", "127.0.0.1:" + RAW_PORT + ",localhost:" + PINNED_PORT);
        }
    }

    static RawServer raw;
    static RawServer pinned;

    @Inject
    VendorHttp http;

    @BeforeAll
    static void startRawServers() throws IOException {
        raw = new RawServer("127.0.0.1", RAW_PORT);
        pinned = new RawServer("127.0.0.2", PINNED_PORT);
    }

    @AfterAll
    static void stopRawServers() throws IOException {
        raw.close();
        pinned.close();
    }

    @AfterEach
    void systemResolverAgain() {
        http.resolveWith(OutboundAddresses.Resolver.SYSTEM);
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithTheNameKeptForHostAndSni() {
        // The system resolves localhost to 127.0.0.1 (or ::1), where nothing listens on PINNED_PORT; our
        // resolver says 127.0.0.2. Reaching the server there proves the name was never resolved again.
        http.resolveWith(name -> "localhost".equals(name) ? new InetAddress[] { InetAddress.getByAddress("localhost",
                new byte[] { 127, 0, 0, 2 }) } : OutboundAddresses.Resolver.SYSTEM.resolve(name));
        InternalApiTest.internal().body(Map.of("type", "onestop", "url", "http://localhost:" + PINNED_PORT + "/os",
                "credentials", Map.of("username", "u", "password", "p"))).post("/internal/v1/checks")
                .then().statusCode(200).body("kind", equalTo("AUTH_REJECTED"));
        assertThat(pinned.requests).singleElement().satisfies(r -> assertThat(r.toLowerCase(Locale.ROOT))
                .contains("host: localhost:" + PINNED_PORT));
    }

    @Test
    void theOneStopTokenRequestGoesOutWithContentLengthAndNeverChunked() {
        InternalApiTest.internal().body(Map.of("type", "onestop", "url", "http://127.0.0.1:" + RAW_PORT + "/onestop",
                "credentials", Map.of("username", "copyright-api", "password", "0nestop-Simulated")))
                .post("/internal/v1/checks").then().statusCode(200).body("ok", equalTo(false))
                .body("kind", equalTo("AUTH_REJECTED"));
        String request = raw.requests.stream().filter(r -> r.startsWith("POST /onestop/token ")).findFirst().orElseThrow();
        String head = request.substring(0, request.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        String body = request.substring(request.indexOf("\r\n\r\n") + 4);
        assertThat(head).doesNotContain("transfer-encoding").contains("content-type: application/x-www-form-urlencoded")
                .contains("content-length: " + body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(body).contains("grant_type=password").contains("username=copyright-api");
    }

    @Test
    void aLoopbackVendorThatIsNotAllowListedIsRefusedBeforeAnyCall() {
        VendorSimulatorResource.current().requestLog().clear();
        InternalApiTest.internal().body(InternalApiTest.server(VendorType.PRINTERPOINT,
                CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTERPOINT))).post("/internal/v1/checks")
                .then().statusCode(200).body("ok", equalTo(false)).body("kind", equalTo("ADDRESS_REFUSED"))
                .body("reason", allOf(containsString("loopback"), not(containsString("printer"))));
        assertThat(VendorSimulatorResource.current().requestLog().entries(null)).as("the simulator was never called").isEmpty();
    }

    @Test
    void aHostNameIsCheckedOnWhatItResolvesTo() {
        String url = "http://localhost:" + VendorSimulatorResource.current().port() + "/printerpoint/copyright-pp";
        InternalApiTest.internal().body(Map.of("type", "printerpoint", "url", url, "credentials",
                CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTERPOINT))).post("/internal/v1/customers")
                .then().statusCode(422).body("kind", equalTo("ADDRESS_REFUSED"));
    }

    @Test
    void theAllowListNamesHostAndPortNotJustThePort() {
        int before = raw.requests.size();
        InternalApiTest.internal().body(Map.of("type", "printerpoint", "url", "http://127.0.0.2:" + RAW_PORT + "/pp",
                "credentials", Map.of("api_token", "pp-anything"))).post("/internal/v1/checks")
                .then().statusCode(200).body("kind", equalTo("ADDRESS_REFUSED"));
        assertThat(raw.requests).hasSize(before);
    }

    @Test
    void aCollectionAimedInsideFailsClassifiedForTheDealer() {
        CollectionRequested request = CollectorTestSupport.request(VendorType.MPS_MONITOR, UUID.randomUUID(),
                "EA45CEF3D8EF6D0F", CollectionScope.ALL, "UTC", DateWindow.of(LocalDate.of(2026, 2, 12), LocalDate.of(2026, 2, 13)),
                CollectionPurpose.NIGHTLY, CollectorTestSupport.CREDENTIALS.get(VendorType.MPS_MONITOR),
                CollectorTestSupport.serverUrl(VendorType.MPS_MONITOR), 1);
        CollectorTestSupport.send(request);
        CollectionFailed failed = CollectionFaultsTest.failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.ADDRESS_REFUSED);
        assertThat(failed.reason()).contains("loopback address").doesNotContain("IsValid");
        assertThat(failed.httpStatus()).isNull();
    }

    /** Records every raw request; answers like a OneStop token endpoint refusing the login, then closes. */
    static final class RawServer implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;

        RawServer(String address, int port) throws IOException {
            socket = new ServerSocket(port, 50, InetAddress.getByName(address));
            Thread accept = new Thread(this::serve, "raw-http");
            accept.setDaemon(true);
            accept.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    requests.add(read(client.getInputStream()));
                    byte[] body = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        /** The head as sent, then exactly Content-Length body bytes (a chunked body shows as its raw chunks). */
        private static String read(InputStream in) throws IOException {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            while (!seen.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return seen.toString(StandardCharsets.ISO_8859_1);
                }
                seen.write(b);
            }
            String head = seen.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                byte[] chunked = new byte[4096];
                int n = in.read(chunked); // enough to show the chunks in a failure message
                return head + (n > 0 ? new String(chunked, 0, n, StandardCharsets.ISO_8859_1) : "");
            }
            return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
