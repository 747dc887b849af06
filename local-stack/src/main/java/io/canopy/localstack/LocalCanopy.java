package io.canopy.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One local Canopy as real processes: a Kafka broker, PostgreSQL, the vendor simulator and every
 * built service of {@link ServiceSpec#ALL}, with its state (pid files, logs, data, secrets) in one
 * directory. {@code ./canopy up} keeps its stack in {@code .canopy}; {@code ./canopy demo} keeps its
 * own in {@code .canopy/demo} and starts it afresh every time; the end-to-end tests keep theirs
 * under {@code target/}. What each service gets is {@link ServiceSpec}'s business; starting,
 * waiting and stopping processes is {@link ProcessSupervisor}'s.
 */
public final class LocalCanopy {

    public static final String KAFKA = "kafka";
    public static final String POSTGRES = "postgres";
    public static final String SIMULATOR = "vendor-simulator";

    /**
     * The JVM that holds the embedded PostgreSQL. Its heap must fit the first run's extraction of the
     * binaries (an xz archive read whole, then a 64 MiB decompression dictionary): -Xmx96m did not
     * (issue #15); {@code PostgresFirstRunTest} starts it from an empty binaries directory.
     */
    static final List<String> POSTGRES_HOLDER_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");
    static final List<String> SIMULATOR_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    /**
     * The services' JVM for a laptop run: C1 only, because `./canopy demo` and the tests start ten
     * JVMs on two cores and mostly wait. {@link #SERVICE_JVM_VARIABLE} replaces it (the night bench
     * runs the production JIT, since C1-only code costs far more CPU per record on a long night).
     */
    static final List<String> SERVICE_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** {@code CANOPY_SERVICE_JVM}: the services' JVM options, whitespace-separated, instead of {@link #SERVICE_JVM}. */
    public static final String SERVICE_JVM_VARIABLE = "CANOPY_SERVICE_JVM";

    private static final Duration KAFKA_START = Duration.ofSeconds(120);
    private static final Duration POSTGRES_START = Duration.ofSeconds(120);
    private static final Duration SIMULATOR_START = Duration.ofSeconds(60);
    private static final Duration SERVICE_START = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOCAL_PARTITIONS = 6;

    /**
     * The services that scale out in their consumer groups (DESIGN.md: collectors are stateless and
     * partitioned by server, metering scales by partitions of feeds). {@code CANOPY_INSTANCES=K}
     * starts K of each; the others run once.
     */
    public static final List<String> SCALABLE = List.of(ServiceSpec.COLLECTOR, ServiceSpec.METERING);
    /** As many instances as the local topics have partitions to share would be pointless on one box. */
    static final int MAX_INSTANCES = 4;
    static final String INSTANCES_VARIABLE = "CANOPY_INSTANCES";
    /** Instance k (k >= 2) listens on the first instance's port + this × (k - 1) unless told otherwise. */
    static final int INSTANCE_PORT_STEP = 100;

    private final Path home;
    private final Path state;
    private final Path postgresBinaries;
    private final Map<String, String> env;
    private final LocalSecrets secrets;
    private final ProcessSupervisor processes;

    /**
     * @param home             the repository root (where the modules' target/ directories are)
     * @param state            pid files, logs, data and secrets of this stack
     * @param postgresBinaries where the PostgreSQL binaries are extracted (a cache, not data: a
     *                         demo that starts afresh need not extract them again)
     * @param env              the environment: ports (CANOPY_*_PORT), CANOPY_ADMIN_TOKEN, ...
     */
    public LocalCanopy(Path home, Path state, Path postgresBinaries, Map<String, String> env) {
        this.home = home.toAbsolutePath();
        this.state = state.toAbsolutePath();
        this.postgresBinaries = postgresBinaries.toAbsolutePath();
        this.env = env;
        this.secrets = new LocalSecrets(this.state.resolve("secrets"));
        this.processes = new ProcessSupervisor(this.state);
    }

    /** A stack with everything, binaries included, under {@code state} (tests). */
    public LocalCanopy(Path home, Path state, Map<String, String> env) {
        this(home, state, state.resolve("pg-binaries"), env);
    }

    /** {@code ./canopy up}'s stack: {@code .canopy}, kept across restarts. */
    public static LocalCanopy forUp(Path home, Map<String, String> env) {
        Path canopy = home.toAbsolutePath().resolve(".canopy");
        return new LocalCanopy(home, canopy, canopy.resolve("pg-binaries"), env);
    }

    /** {@code ./canopy demo}'s stack: {@code .canopy/demo}, started afresh by {@link #reset()}. */
    public static LocalCanopy forDemo(Path home, Map<String, String> env) {
        Path canopy = home.toAbsolutePath().resolve(".canopy");
        return new LocalCanopy(home, canopy.resolve("demo"), canopy.resolve("pg-binaries"), env);
    }

    // ---------------------------------------------------------------- up

    public int up() {
        long started = System.nanoTime();
        int kafkaPort = PortSetting.KAFKA.resolve(env);
        int pgPort = PortSetting.POSTGRES.resolve(env);
        String adminToken = adminToken();

        step(KAFKA, () -> startKafka(kafkaPort));
        step(POSTGRES, () -> startPostgres(pgPort));
        if (Files.exists(simulatorClasspath())) {
            step(SIMULATOR, this::startSimulator);
        }

        List<ServiceSpec> built = ServiceSpec.ALL.stream().filter(s -> Files.exists(runJar(s))).toList();
        List<CompletableFuture<String>> starts = new ArrayList<>();
        List<String> startedNames = new ArrayList<>();
        int instances = instances();
        for (ServiceSpec service : built) {
            service.database().ifPresent(db -> createDatabase(pgPort, db));
            for (int instance = 1; instance <= instancesOf(service.module(), instances); instance++) {
                int k = instance;
                startedNames.add(instanceName(service.module(), k));
                starts.add(CompletableFuture.supplyAsync(() -> startService(service, k, kafkaPort, pgPort, adminToken)));
            }
        }
        boolean allReady = true;
        for (int i = 0; i < starts.size(); i++) {
            try {
                System.out.println(starts.get(i).join());
            } catch (RuntimeException e) {
                allReady = false;
                System.out.printf("  %-20s FAILED: %s%n", startedNames.get(i), rootMessage(e));
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
        String start();
    }

    private void step(String name, Starter starter) {
        Optional<ProcessHandle> running = processes.running(name);
        if (running.isPresent()) {
            System.out.printf("  %-20s already running (pid %d)%n", name, running.get().pid());
            return;
        }
        long t0 = System.nanoTime();
        String detail = starter.start();
        System.out.printf("  %-20s up in %5.1f s  %s%n", name, (System.nanoTime() - t0) / 1e9, detail);
    }

    private String startKafka(int port) {
        KafkaBroker broker = KafkaBroker.start(port, PortSetting.kafkaController(env), state.resolve("data/kafka"), false,
                LOCAL_PARTITIONS, KAFKA_START);
        processes.adopt(KAFKA, broker.pid());
        CanopyTopics.create(broker.bootstrapServers(), LOCAL_PARTITIONS);
        return broker.bootstrapServers() + "  (pid " + broker.pid() + ", log " + broker.dataDir().resolve("broker.log") + ")";
    }

    /** Starts the PostgreSQL holder JVM exactly as {@code ./canopy} does (package-private for the first-run test). */
    String startPostgres(int port) {
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.javaExecutable());
        command.addAll(POSTGRES_HOLDER_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PostgresHolder.class.getName(),
                Integer.toString(port), state.resolve("data/postgres").toString(), postgresBinaries.toString()));
        Process process = processes.start(POSTGRES, command, Map.of(),
                ProcessSupervisor.Readiness.listening(port)
                        .and(ProcessSupervisor.Readiness.logSays(processes.log(POSTGRES), PostgresHolder.READY)),
                POSTGRES_START);
        return "jdbc:postgresql://127.0.0.1:" + port + "  (pid " + process.pid() + ", user postgres)";
    }

    private void createDatabase(int pgPort, String database) {
        PostgresServer.external("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                PostgresServer.EMBEDDED_USER, PostgresServer.EMBEDDED_PASSWORD).createDatabaseIfMissing(database);
    }

    private Path simulatorClasspath() {
        return home.resolve("vendor-simulator/target/simulator-classpath.txt");
    }

    private String startSimulator() {
        int port = PortSetting.SIMULATOR.resolve(env);
        String scenario = env.getOrDefault("CANOPY_SIMULATOR_SCENARIO", "demo");
        String classpath;
        try {
            classpath = home.resolve("vendor-simulator/target/classes") + ":" + Files.readString(simulatorClasspath()).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.javaExecutable());
        command.addAll(SIMULATOR_JVM);
        command.addAll(List.of("-cp", classpath, "io.canopy.simulator.VendorSimulatorMain", "--scenario", scenario,
                "--port", Integer.toString(port)));
        Process process = processes.start(SIMULATOR, command, Map.of(), ProcessSupervisor.Readiness.listening(port),
                SIMULATOR_START);
        return simulatorUrl() + "  (scenario " + scenario + ", pid " + process.pid() + ", truth " + simulatorUrl()
                + "/_sim/truth)";
    }

    /**
     * Starts one service (again), e.g. after {@link #kill(String)} in a restart test; a second
     * instance by its {@link #instanceName} ({@code collector-service-2}).
     */
    public String startService(String name) {
        String module = moduleOf(name);
        return startService(ServiceSpec.named(module), instanceOf(name), PortSetting.KAFKA.resolve(env),
                PortSetting.POSTGRES.resolve(env), adminToken());
    }

    private String startService(ServiceSpec service, int instance, int kafkaPort, int pgPort, String adminToken) {
        String name = instanceName(service.module(), instance);
        String url = instanceUrl(service.module(), instance);
        Optional<ProcessHandle> running = processes.running(name);
        if (running.isPresent()) {
            return String.format("  %-20s already running  %s  (pid %d)", name, url, running.get().pid());
        }
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.javaExecutable());
        command.addAll(serviceJvm());
        command.addAll(List.of("-jar", runJar(service).toString()));
        Process process = processes.start(name, command, environmentOf(service, instance, kafkaPort, pgPort, adminToken),
                ProcessSupervisor.Readiness.healthReady(url), SERVICE_START);
        return String.format("  %-20s up in %5.1f s  %s  (swagger %s/q/swagger-ui, pid %d)", name,
                (System.nanoTime() - t0) / 1e9, url, url, process.pid());
    }

    /** The services' JVM options: {@link #SERVICE_JVM_VARIABLE} when set, else {@link #SERVICE_JVM}. */
    List<String> serviceJvm() {
        String options = env.get(SERVICE_JVM_VARIABLE);
        if (options == null || options.isBlank()) {
            return SERVICE_JVM;
        }
        return List.of(options.trim().split("\\s+"));
    }

    // ---------------------------------------------------------------- instances

    /** {@code CANOPY_INSTANCES}: how many of each {@link #SCALABLE} service run (default 1). */
    public int instances() {
        String value = env.get(INSTANCES_VARIABLE);
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int instances = Integer.parseInt(value.trim());
            if (instances < 1 || instances > MAX_INSTANCES) {
                throw new NumberFormatException();
            }
            return instances;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INSTANCES_VARIABLE + " must be a number from 1 to " + MAX_INSTANCES
                    + ", got '" + value + "'");
        }
    }

    private static int instancesOf(String module, int instances) {
        return SCALABLE.contains(module) ? instances : 1;
    }

    /** The process name (pid file, log) of a service's instance: the module, then {@code <module>-2}, ... */
    public static String instanceName(String module, int instance) {
        return instance == 1 ? module : module + "-" + instance;
    }

    /** Every running instance's process name of the service, the first instance first. */
    public List<String> runningInstances(String module) {
        List<String> names = new ArrayList<>();
        for (int instance = 1; instance <= instancesOf(module, MAX_INSTANCES); instance++) {
            String name = instanceName(module, instance);
            if (processes.running(name).isPresent()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String moduleOf(String name) {
        for (String module : SCALABLE) {
            if (name.startsWith(module + "-")) {
                return module;
            }
        }
        return name;
    }

    private static int instanceOf(String name) {
        String module = moduleOf(name);
        return module.equals(name) ? 1 : Integer.parseInt(name.substring(module.length() + 1));
    }

    /**
     * Instance k's port: the service's own for the first, else {@code <port variable>_<k>} (e.g.
     * {@code CANOPY_COLLECTOR_PORT_2}), by default the first's port + {@value #INSTANCE_PORT_STEP} × (k - 1).
     */
    PortSetting instancePort(ServiceSpec service, int instance) {
        if (instance == 1) {
            return service.port();
        }
        return new PortSetting(service.portVariable() + "_" + instance,
                service.port().resolve(env) + INSTANCE_PORT_STEP * (instance - 1));
    }

    /** The URL of one instance of a service ({@link #serviceUrl} is the first's, which other services call). */
    public String instanceUrl(String module, int instance) {
        return "http://127.0.0.1:" + instancePort(ServiceSpec.named(module), instance).resolve(env);
    }

    /** What every service gets, then what {@link ServiceSpec} gives this one. */
    Map<String, String> environmentOf(ServiceSpec service, int kafkaPort, int pgPort, String adminToken) {
        return environmentOf(service, 1, kafkaPort, pgPort, adminToken);
    }

    /** As above for one instance: the same environment but its own HTTP port (same consumer groups). */
    Map<String, String> environmentOf(ServiceSpec service, int instance, int kafkaPort, int pgPort, String adminToken) {
        Map<String, String> serviceEnv = new LinkedHashMap<>();
        serviceEnv.put("QUARKUS_HTTP_PORT", Integer.toString(instancePort(service, instance).resolve(env)));
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        serviceEnv.put("CANOPY_ADMIN_TOKEN", adminToken);
        // dealer JWTs are verified against registry's JWKS (no public key copied around); registry verifies its own
        serviceEnv.put("CANOPY_JWT_JWKS_URL", serviceUrl(ServiceSpec.REGISTRY) + "/.well-known/jwks.json");
        service.database().ifPresent(db -> {
            serviceEnv.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db);
            DatabaseRoles roles = DatabaseRoles.of(db);
            serviceEnv.put("QUARKUS_DATASOURCE_USERNAME", roles.runtime());
            serviceEnv.put("QUARKUS_DATASOURCE_PASSWORD", roles.runtimePassword());
            serviceEnv.put("QUARKUS_FLYWAY_USERNAME", roles.owner());
            serviceEnv.put("QUARKUS_FLYWAY_PASSWORD", roles.ownerPassword());
        });
        serviceEnv.putAll(service.ownEnvironment(new ServiceSpec.Context() {
            @Override
            public LocalSecrets secrets() {
                return secrets;
            }

            @Override
            public String serviceUrl(String module) {
                return LocalCanopy.this.serviceUrl(module);
            }

            @Override
            public String setting(String variable, String localDefault) {
                return env.getOrDefault(variable, localDefault);
            }
        }));
        return serviceEnv;
    }

    private Path runJar(ServiceSpec service) {
        return home.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    // ---------------------------------------------------------------- addresses

    public String serviceUrl(String module) {
        return "http://127.0.0.1:" + ServiceSpec.named(module).port().resolve(env);
    }

    public String simulatorUrl() {
        return "http://127.0.0.1:" + PortSetting.SIMULATOR.resolve(env);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + PortSetting.KAFKA.resolve(env);
    }

    /** The operator token: CANOPY_ADMIN_TOKEN, else generated once under {@code <state>/secrets}. */
    /** JDBC URL of a database on this stack's PostgreSQL (user {@link PostgresServer#EMBEDDED_USER}). */
    public String postgresJdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + PortSetting.POSTGRES.resolve(env) + "/" + database;
    }

    public String adminToken() {
        return secrets.adminToken(env.get("CANOPY_ADMIN_TOKEN"));
    }

    public Path state() {
        return state;
    }

    // ---------------------------------------------------------------- down / status / reset

    /** Every process name of the stack, services first (the order they are stopped in). */
    static List<String> processNames() {
        List<String> order = new ArrayList<>();
        for (ServiceSpec service : ServiceSpec.ALL) {
            // every instance a CANOPY_INSTANCES of any size may have started, so down stops them all
            for (int instance = 1; instance <= instancesOf(service.module(), MAX_INSTANCES); instance++) {
                order.add(instanceName(service.module(), instance));
            }
        }
        order.add(SIMULATOR);
        order.add(KAFKA);
        order.add(POSTGRES);
        return order;
    }

    public boolean anyRunning() {
        return processes.anyRunning(processNames());
    }

    /** Stops exactly what this stack started. Returns how many processes were running. */
    public int down() {
        int stopped = 0;
        for (String name : processNames()) {
            Optional<ProcessHandle> process = processes.running(name);
            Optional<Boolean> gone = processes.stop(name, STOP_GRACE);
            if (gone.isPresent()) {
                stopped++;
                System.out.printf("  %-20s %s (pid %d)%n", name, gone.get() ? "stopped" : "DID NOT STOP",
                        process.map(ProcessHandle::pid).orElse(-1L));
            }
        }
        return stopped;
    }

    /**
     * Stops what this stack runs and deletes its state (data, logs, secrets, pid files) but not the
     * extracted PostgreSQL binaries, which are a cache: the next {@link #up()} is a fresh Canopy.
     */
    public void reset() {
        down();
        if (!Files.exists(state)) {
            return;
        }
        try (var paths = Files.walk(state)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.startsWith(postgresBinaries) && !postgresBinaries.startsWith(path)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset " + state, e);
        }
    }

    /** SIGKILL, no goodbye: what a crashed pod looks like. Returns false when it was not running. */
    public boolean kill(String name) {
        return processes.kill(name);
    }

    /**
     * Starts one part of the stack again after {@link #kill(String)} or {@link #crashPostgres()}, on
     * its configured port and with the data it had: Kafka, PostgreSQL, the simulator or a service.
     */
    public String start(String name) {
        return switch (name) {
            case KAFKA -> startKafka(PortSetting.KAFKA.resolve(env));
            case POSTGRES -> startPostgres(PortSetting.POSTGRES.resolve(env));
            case SIMULATOR -> startSimulator();
            default -> startService(name);
        };
    }

    /**
     * PostgreSQL loses power: SIGKILL to the postmaster and every backend, then to the holder JVM
     * (whose shutdown hook would otherwise stop the server cleanly). {@link #start(String)} brings it
     * back with crash recovery from the write-ahead log, as a restarted database host would.
     */
    public boolean crashPostgres() {
        Path pidFile = state.resolve("data/postgres/postmaster.pid");
        boolean crashed = false;
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
                Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
                if (postmaster.isPresent()) {
                    List<ProcessHandle> backends = postmaster.get().descendants().toList();
                    postmaster.get().destroyForcibly();
                    backends.forEach(ProcessHandle::destroyForcibly);
                    postmaster.get().onExit().join();
                    backends.forEach(b -> b.onExit().join());
                    crashed = true;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read PostgreSQL's pid from " + pidFile, e);
        }
        return processes.kill(POSTGRES) || crashed;
    }

    public Optional<ProcessHandle> runningPid(String name) {
        return processes.running(name);
    }

    void printStatus() {
        var http = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        System.out.printf("  %-20s %s%n", KAFKA, describe(KAFKA, kafkaBootstrapServers()));
        System.out.printf("  %-20s %s%n", POSTGRES, describe(POSTGRES, "127.0.0.1:" + PortSetting.POSTGRES.resolve(env)));
        System.out.printf("  %-20s %s%n", SIMULATOR, describe(SIMULATOR, simulatorUrl()));
        for (ServiceSpec service : ServiceSpec.ALL) {
            for (int instance = 1; instance <= instancesOf(service.module(), MAX_INSTANCES); instance++) {
                String name = instanceName(service.module(), instance);
                if (instance > 1 && processes.running(name).isEmpty()) {
                    continue; // extra instances only when they run
                }
                String url = instanceUrl(service.module(), instance);
                String text = describe(name, url);
                if (processes.running(name).isPresent()) {
                    text += ProcessSupervisor.isHealthReady(http, url) ? "  ready" : "  NOT READY";
                }
                System.out.printf("  %-20s %s%n", name, text);
            }
        }
    }

    private String describe(String name, String where) {
        return processes.running(name).map(p -> "running  pid " + p.pid() + "  " + where).orElse("stopped");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
