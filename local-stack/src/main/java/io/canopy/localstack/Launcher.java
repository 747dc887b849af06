package io.canopy.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The launcher behind {@code ./canopy up | down | status}: starts a real Kafka broker, a real
 * PostgreSQL and every built service as background processes, records each one in a pid file
 * under {@code .canopy/run}, and stops exactly those processes again (by pid and start time,
 * never by name).
 */
public final class Launcher {

    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";
    public static final String SIMULATOR = "vendor-simulator";

    private final Path home;
    private final Path state;
    private final Map<String, String> env;
    private final LocalSecrets secrets;

    Launcher(Path home, Map<String, String> env) {
        this(home, home.toAbsolutePath().resolve(".canopy"), env);
    }

    /**
     * @param home  the repository root (where the modules' target/ directories are)
     * @param state pid files, logs, data and secrets ({@code .canopy} for ./canopy; a target/
     *              directory for the end-to-end tests)
     * @param env   the environment: ports (CANOPY_*_PORT), CANOPY_ADMIN_TOKEN, ...
     */
    public Launcher(Path home, Path state, Map<String, String> env) {
        this.home = home.toAbsolutePath();
        this.state = state.toAbsolutePath();
        this.env = env;
        this.secrets = new LocalSecrets(this.state.resolve("secrets"));
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        Launcher launcher = new Launcher(Path.of(System.getProperty("canopy.home", ".")), System.getenv());
        int rc = switch (command) {
            case "up" -> launcher.up();
            case "down" -> launcher.down();
            case "status" -> launcher.status();
            case "serve-postgres" -> servePostgres(Integer.parseInt(args[1]), Path.of(args[2]));
            default -> {
                System.err.println("usage: canopy up | down | status");
                yield 2;
            }
        };
        System.exit(rc);
    }

    // ---------------------------------------------------------------- up

    public int up() throws Exception {
        Files.createDirectories(state.resolve("run"));
        Files.createDirectories(state.resolve("logs"));
        long started = System.nanoTime();
        int kafkaPort = intEnv("CANOPY_KAFKA_PORT", 9092);
        int pgPort = intEnv("CANOPY_PG_PORT", 5433);
        String adminToken = adminToken();

        step(KAFKA, () -> startKafka(kafkaPort), "127.0.0.1:" + kafkaPort);
        step(POSTGRES, () -> startPostgres(pgPort), "jdbc:postgresql://127.0.0.1:" + pgPort);
        if (Files.exists(simulatorClasspath())) {
            step(SIMULATOR, this::startSimulator, simulatorUrl());
        }

        List<ServiceSpec> built = ServiceSpec.ALL.stream().filter(s -> Files.exists(runJar(s))).toList();
        List<CompletableFuture<String>> starts = new ArrayList<>();
        for (ServiceSpec service : built) {
            service.database().ifPresent(db -> createDatabase(pgPort, db));
            starts.add(CompletableFuture.supplyAsync(() -> startService(service, kafkaPort, pgPort, adminToken)));
        }
        boolean allReady = true;
        for (int i = 0; i < built.size(); i++) {
            try {
                System.out.println(starts.get(i).join());
            } catch (RuntimeException e) {
                allReady = false;
                System.out.printf("  %-20s FAILED: %s%n", built.get(i).module(), rootMessage(e));
            }
        }
        for (ServiceSpec missing : ServiceSpec.ALL) {
            if (!built.contains(missing)) {
                System.out.printf("  %-20s not built (./mvnw -B install -DskipTests)%n", missing.module());
            }
        }
        System.out.printf("%nCanopy is up in %.1f s. Admin token (CANOPY_ADMIN_TOKEN): %s%n",
                (System.nanoTime() - started) / 1e9, adminToken);
        System.out.println("Logs: " + state.resolve("logs") + "   Stop everything: ./canopy down");
        return allReady ? 0 : 1;
    }

    private interface Starter {
        String start() throws Exception;
    }

    private void step(String name, Starter starter, String where) throws Exception {
        if (runningPid(name).isPresent()) {
            System.out.printf("  %-20s already running (%s)%n", name, where);
            return;
        }
        long t0 = System.nanoTime();
        String detail = starter.start();
        System.out.printf("  %-20s up in %5.1f s  %s%n", name, (System.nanoTime() - t0) / 1e9, detail);
    }

    private String startKafka(int port) {
        int controllerPort = intEnv("CANOPY_KAFKA_CONTROLLER_PORT", port + 1);
        KafkaBroker broker = KafkaBroker.start(port, controllerPort, state.resolve("data/kafka"), false, 6,
                Duration.ofSeconds(120));
        writePid(KAFKA, broker.pid());
        CanopyTopics.create(broker.bootstrapServers(), 6);
        return broker.bootstrapServers() + "  (pid " + broker.pid() + ", log " + broker.dataDir().resolve("broker.log") + ")";
    }

    private String startPostgres(int port) throws Exception {
        Path log = state.resolve("logs/postgres.log");
        List<String> command = List.of(KafkaBroker.javaExecutable(), "-Xmx96m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "serve-postgres", Integer.toString(port), state.resolve("data/postgres").toString());
        Process process = detached(command, log, Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Ports.isListening(port) || !Files.readString(log).contains(POSTGRES_READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL did not start; see " + log + ":\n" + KafkaBroker.tail(log));
            }
            Ports.sleep(100);
        }
        writePid(POSTGRES, process.pid());
        return "jdbc:postgresql://127.0.0.1:" + port + "  (pid " + process.pid() + ", user postgres)";
    }

    static final String POSTGRES_READY = "canopy: postgres ready";

    /** Runs in its own JVM for ./canopy up: holds the embedded PostgreSQL until SIGTERM. */
    static int servePostgres(int port, Path dataDir) throws InterruptedException {
        PostgresServer server = PostgresServer.startEmbedded(port, dataDir, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println(POSTGRES_READY + " on port " + port);
        stopped.await();
        return 0;
    }

    private void createDatabase(int pgPort, String database) {
        PostgresServer.external("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                PostgresServer.EMBEDDED_USER, PostgresServer.EMBEDDED_PASSWORD).createDatabaseIfMissing(database);
    }

    /** Starts one service (again), e.g. after {@link #kill(String)} in a restart test. */
    public String startService(String module) {
        ServiceSpec service = ServiceSpec.ALL.stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
        return startService(service, intEnv("CANOPY_KAFKA_PORT", 9092), intEnv("CANOPY_PG_PORT", 5433), adminToken());
    }

    /** SIGKILL, no goodbye: what a crashed pod looks like. Returns false when it was not running. */
    public boolean kill(String name) {
        Optional<ProcessHandle> process = runningPid(name);
        process.ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        deletePid(name);
        return process.isPresent();
    }

    public String serviceUrl(String module) {
        ServiceSpec service = ServiceSpec.ALL.stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
        return "http://127.0.0.1:" + intEnv(service.portVariable(), service.defaultPort());
    }

    public String simulatorUrl() {
        return "http://127.0.0.1:" + intEnv("CANOPY_SIMULATOR_PORT", 8099);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + intEnv("CANOPY_KAFKA_PORT", 9092);
    }

    public String postgresUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + intEnv("CANOPY_PG_PORT", 5433) + "/" + database;
    }

    private Path simulatorClasspath() {
        return home.resolve("vendor-simulator/target/simulator-classpath.txt");
    }

    private String startSimulator() throws Exception {
        int port = intEnv("CANOPY_SIMULATOR_PORT", 8099);
        String scenario = env.getOrDefault("CANOPY_SIMULATOR_SCENARIO", "demo");
        String classpath = home.resolve("vendor-simulator/target/classes") + ":" + Files.readString(simulatorClasspath()).trim();
        Path log = state.resolve("logs/" + SIMULATOR + ".log");
        Process process = detached(List.of(KafkaBroker.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classpath,
                "io.canopy.simulator.VendorSimulatorMain", "--scenario", scenario, "--port", Integer.toString(port)),
                log, Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Ports.isListening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the vendor simulator did not start; see " + log + ":\n" + KafkaBroker.tail(log));
            }
            Ports.sleep(100);
        }
        writePid(SIMULATOR, process.pid());
        return simulatorUrl() + "  (scenario " + scenario + ", pid " + process.pid() + ", truth " + simulatorUrl()
                + "/_sim/truth)";
    }

    /**
     * What each service gets besides ports and datasource: least privilege, so the sealing key and
     * the service token go only to registry and collector, the JWT signing key only to registry.
     */
    private Map<String, String> secretsFor(ServiceSpec service) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("CANOPY_JWT_PUBLIC_KEY", secrets.jwtPublicKey().toString());
        out.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", secrets.jwtPublicKey().toString());
        switch (service.module()) {
            case "registry-service" -> {
                out.put("CANOPY_JWT_PRIVATE_KEY", secrets.jwtPrivateKey().toString());
                out.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", secrets.jwtPrivateKey().toString());
                out.put("CANOPY_COLLECTOR_URL", serviceUrl("collector-service"));
                out.put("QUARKUS_REST_CLIENT_COLLECTOR_URL", serviceUrl("collector-service"));
                out.put("CANOPY_COLLECTOR_SERVICE_TOKEN", secrets.serviceToken());
                out.put("CANOPY_CREDENTIALS_KEYS_K1", secrets.sealingKey());
                out.put("CANOPY_CREDENTIALS_ACTIVE_KEY", "k1");
                // Registry checks vendor URLs too; the local simulator is plain http on loopback.
                out.put("CANOPY_REGISTRY_ALLOW_INSECURE_HTTP", "true");
                // Locally nights are run on demand (POST /admin/v1/collection-runs, ./canopy demo): no
                // wall-clock 02:00 run mixing today's date into simulated business time, and an
                // unhealthy server is re-checked within seconds instead of every 30 minutes.
                out.put("CANOPY_REGISTRY_NIGHTLY_CRON", env.getOrDefault("CANOPY_REGISTRY_NIGHTLY_CRON", "off"));
                out.put("CANOPY_REGISTRY_SERVER_CHECK_INTERVAL", "5s");
                out.put("CANOPY_REGISTRY_SERVER_CHECK_POLL_EVERY", "1s");
            }
            case "collector-service" -> {
                out.put("CANOPY_COLLECTOR_SERVICE_TOKEN", secrets.serviceToken());
                out.put("CANOPY_CREDENTIALS_KEYS_K1", secrets.sealingKey());
                out.put("CANOPY_CREDENTIALS_ACTIVE_KEY", "k1");
                // The simulator speaks plain http on loopback; production vendors are https only.
                out.put("CANOPY_COLLECTOR_ALLOW_INSECURE_HTTP", "true");
            }
            case "certificate-service" -> out.put("CANOPY_CERTIFICATES_PUBLIC_URL", serviceUrl("certificate-service"));
            default -> {
            }
        }
        return out;
    }

    private String startService(ServiceSpec service, int kafkaPort, int pgPort, String adminToken) {
        int port = intEnv(service.portVariable(), service.defaultPort());
        String url = "http://127.0.0.1:" + port;
        if (runningPid(service.module()).isPresent()) {
            return String.format("  %-20s already running  %s", service.module(), url);
        }
        long t0 = System.nanoTime();
        Map<String, String> serviceEnv = new LinkedHashMap<>();
        serviceEnv.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        serviceEnv.put("CANOPY_ADMIN_TOKEN", adminToken);
        serviceEnv.putAll(secretsFor(service));
        service.database().ifPresent(db -> {
            serviceEnv.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db);
            serviceEnv.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.EMBEDDED_USER);
            serviceEnv.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.EMBEDDED_PASSWORD);
        });
        Path log = state.resolve("logs/" + service.module() + ".log");
        try {
            Process process = detached(List.of(KafkaBroker.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", runJar(service).toString()), log, serviceEnv);
            writePid(service.module(), process.pid());
            awaitReady(url, process, log);
            return String.format("  %-20s up in %5.1f s  %s  (swagger %s/q/swagger-ui, pid %d)", service.module(),
                    (System.nanoTime() - t0) / 1e9, url, url, process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String url, Process process, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited; last lines of " + log + ":\n" + KafkaBroker.tail(log));
            }
            if (isReady(http, url)) {
                return;
            }
            Ports.sleep(250);
        }
        throw new IllegalStateException("not ready within 120 s; see " + log);
    }

    static boolean isReady(HttpClient http, String url) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts a process in its own session (setsid), so it outlives this launcher and the terminal. */
    private Process detached(List<String> command, Path log, Map<String, String> extraEnv) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(extraEnv);
        return builder.start();
    }

    private Path runJar(ServiceSpec service) {
        return home.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The operator token: CANOPY_ADMIN_TOKEN, else generated once under .canopy/secrets. */
    public String adminToken() {
        return secrets.adminToken(env.get("CANOPY_ADMIN_TOKEN"));
    }

    // ---------------------------------------------------------------- down / status

    public int down() {
        List<String> order = new ArrayList<>();
        ServiceSpec.ALL.forEach(s -> order.add(s.module()));
        order.add(SIMULATOR);
        order.add(KAFKA);
        order.add(POSTGRES);
        boolean any = false;
        for (String name : order) {
            Optional<ProcessHandle> process = runningPid(name);
            if (process.isPresent()) {
                any = true;
                boolean gone = LocalProcesses.stop(process.get(), Duration.ofSeconds(30));
                System.out.printf("  %-20s %s (pid %d)%n", name, gone ? "stopped" : "DID NOT STOP", process.get().pid());
            }
            deletePid(name);
        }
        if (!any) {
            System.out.println("Nothing was running.");
        }
        return 0;
    }

    int status() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        System.out.printf("  %-20s %s%n", KAFKA, describe(KAFKA, "127.0.0.1:" + intEnv("CANOPY_KAFKA_PORT", 9092)));
        System.out.printf("  %-20s %s%n", POSTGRES, describe(POSTGRES, "127.0.0.1:" + intEnv("CANOPY_PG_PORT", 5433)));
        System.out.printf("  %-20s %s%n", SIMULATOR, describe(SIMULATOR, simulatorUrl()));
        for (ServiceSpec service : ServiceSpec.ALL) {
            String url = "http://127.0.0.1:" + intEnv(service.portVariable(), service.defaultPort());
            String text = describe(service.module(), url);
            if (runningPid(service.module()).isPresent()) {
                text += isReady(http, url) ? "  ready" : "  NOT READY";
            }
            System.out.printf("  %-20s %s%n", service.module(), text);
        }
        return 0;
    }

    private String describe(String name, String where) {
        return runningPid(name).map(p -> "running  pid " + p.pid() + "  " + where).orElse("stopped");
    }

    // ---------------------------------------------------------------- pid files

    /** Pid file: "pid startMillis". The start time guards against a recycled pid. */
    private void writePid(String name, long pid) {
        long startMillis = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli)
                .orElse(0L);
        try {
            Files.writeString(pidFile(name), pid + " " + startMillis + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<ProcessHandle> runningPid(String name) {
        Path file = pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long startMillis = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> startMillis == 0L
                    || p.info().startInstant().map(Instant::toEpochMilli).orElse(startMillis) == startMillis);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void deletePid(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pidFile(String name) {
        return state.resolve("run").resolve(name + ".pid");
    }

    private int intEnv(String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
