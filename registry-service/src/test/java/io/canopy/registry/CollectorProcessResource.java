package io.canopy.registry;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.canopy.localstack.LocalStack;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the REAL collector-service (its packaged app, built before registry in the reactor) as a
 * child process against the test JVM's Kafka broker, with the same service token and sealing key
 * as registry's %test profile, and points registry's REST client at it. So registry's credential
 * checks, customer discovery and collection requests go through the collector's actual code to the
 * vendor simulator: no hand-written fake.
 *
 * <p>Both registry and the collector allow-list exactly the simulator's {@code host:port} (the SSRF
 * guard refuses every other loopback address), so this resource starts after the simulator
 * ({@link #order()}).
 *
 * <p>One collector per test JVM, reused across Quarkus restarts while the simulator keeps its
 * address (URL, simulator address and pid are kept in system properties), relaunched when a restart
 * moved the simulator, stopped at JVM exit. The child is started through {@code sh}, which kills it when the
 * JVM's pipe to it closes, so even a test JVM killed with SIGKILL leaves no collector behind.
 */
public class CollectorProcessResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_TOKEN = "test-service-token";
    public static final String SEALING_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String URL_PROPERTY = "canopy.test.collector.url";
    static final String SIMULATOR_PROPERTY = "canopy.test.collector.simulator";
    static final String PID_PROPERTY = "canopy.test.collector.pid";
    /** The SSRF allow-list key registry and collector share (env CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS). */
    static final String ALLOW_LIST = "canopy.collector.allowed-private-hosts";
    static final Path JAR = Path.of("..", "collector-service", "target", "quarkus-app", "quarkus-run.jar");
    static final Path LOG = Path.of("target", "collector-child.log");
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static Process process;

    @Override
    public int order() {
        // after VendorSimulatorResource (order 0): the allow-list is the simulator's address
        return 10;
    }

    @Override
    public synchronized Map<String, String> start() {
        String simulator = simulatorHostPort();
        String url = System.getProperty(URL_PROPERTY);
        if (url != null && !simulator.equals(System.getProperty(SIMULATOR_PROPERTY))) {
            // a Quarkus restart moved the simulator: the running collector allow-lists the old address
            ProcessHandle.of(Long.parseLong(System.getProperty(PID_PROPERTY))).ifPresent(ProcessHandle::destroy);
            url = null;
        }
        if (url == null) {
            url = launch(simulator);
            System.setProperty(URL_PROPERTY, url);
            System.setProperty(SIMULATOR_PROPERTY, simulator);
            System.setProperty(PID_PROPERTY, Long.toString(process.pid()));
        }
        return Map.of("quarkus.rest-client.collector.url", url, ALLOW_LIST, simulator);
    }

    /** {@code 127.0.0.1:<port>} of the simulator this JVM runs. */
    static String simulatorHostPort() {
        if (VendorSimulatorResource.current() == null) {
            throw new IllegalStateException("CollectorProcessResource needs VendorSimulatorResource on the test class");
        }
        URI base = URI.create(VendorSimulatorResource.current().baseUrl());
        return base.getHost() + ":" + base.getPort();
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; the shutdown hook and the pipe stop it.
    }

    private static String launch(String simulatorHostPort) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build collector first "
                    + "(cd /work/main && ./mvnw -B -q package -pl collector-service -DskipTests)");
        }
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // `read` returns when our end of stdin closes (this JVM exited, however it died); then kill the child.
        String script = "\"$0\" -Xmx256m -XX:TieredStopAtLevel=1 -jar \"$1\" & child=$!; "
                + "trap 'kill $child 2>/dev/null; exit 0' TERM INT; read ignored; kill $child 2>/dev/null; wait $child";
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, java, JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", LocalStack.shared().kafkaBootstrapServers());
        env.put("CANOPY_COLLECTOR_SERVICE_TOKEN", SERVICE_TOKEN);
        env.put("CANOPY_CREDENTIALS_KEYS_K1", SEALING_KEY);
        env.put("CANOPY_CREDENTIALS_ACTIVE_KEY", "k1");
        env.put("CANOPY_COLLECTOR_ALLOW_INSECURE_HTTP", "true");
        env.put("CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS", simulatorHostPort);
        // quick vendor retries, as in collector's own tests: the simulator answers locally
        env.put("CANOPY_COLLECTOR_HTTP_INITIAL_BACKOFF", "20ms");
        env.put("CANOPY_COLLECTOR_HTTP_MAX_BACKOFF", "100ms");
        env.put("CANOPY_COLLECTOR_HTTP_READ_TIMEOUT", "5s");
        File log = LOG.toFile();
        log.getParentFile().mkdirs();
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start collector-service", e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.destroy();
            try {
                if (!started.waitFor(10, TimeUnit.SECONDS)) {
                    started.destroyForcibly();
                }
            } catch (InterruptedException e) {
                started.destroyForcibly();
            }
        }, "stop-collector-child"));
        String url = "http://127.0.0.1:" + port;
        awaitReady(url, started);
        return url;
    }

    private static void awaitReady(String url, Process child) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException("collector-service exited with " + child.exitValue() + "; see " + LOG);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        child.destroyForcibly();
        throw new IllegalStateException("collector-service was not ready within " + READY_TIMEOUT + "; see " + LOG);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
