package io.canopy.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node), run as its
 * own JVM from the jars Maven resolved for {@code local-stack-kafka-broker}.
 *
 * <p>Single-node settings matter: the internal topics (consumer offsets, transaction state, share
 * state) default to replication factor 3 and would never become available on one node.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/io/canopy/localstack/kafka/kafka-classpath.txt";
    private static final String MAIN_CLASS = "io.canopy.localstack.kafka.KafkaBrokerMain";
    private static final String STARTED_LINE = "Kafka Server started";

    private final Process process;
    private final int port;
    private final Path dataDir;

    private KafkaBroker(Process process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker and waits until it has finished starting.
     *
     * @param port        client port (0 picks a free one)
     * @param dataDir     where logs and the broker's output go; created if missing
     * @param tiedToThisJvm when true the broker stops as soon as this JVM is gone (tests); when
     *                    false it outlives this JVM ({@code ./canopy up})
     * @param partitions  default partition count of auto-created topics
     */
    public static KafkaBroker start(int port, Path dataDir, boolean tiedToThisJvm, int partitions, Duration timeout) {
        return start(port, 0, dataDir, tiedToThisJvm, partitions, timeout);
    }

    /**
     * As above with a fixed controller port: a broker that keeps its data across restarts
     * ({@code ./canopy up}) must find its KRaft quorum at the same address again.
     */
    public static KafkaBroker start(int port, int controllerPort, Path dataDir, boolean tiedToThisJvm, int partitions,
            Duration timeout) {
        int clientPort = port == 0 ? Ports.free() : port;
        controllerPort = controllerPort == 0 ? Ports.free() : controllerPort;
        if (Ports.isListening(clientPort)) {
            throw new IllegalStateException("cannot start Kafka: port " + clientPort + " is already in use");
        }
        try {
            Path logDir = dataDir.resolve("kraft-logs");
            Files.createDirectories(logDir);
            Path config = dataDir.resolve("server.properties");
            writeConfig(config, logDir, clientPort, controllerPort, partitions);
            Path output = dataDir.resolve("broker.log");

            long outputStart = Files.exists(output) ? Files.size(output) : 0L;
            List<String> command = new ArrayList<>();
            if (!tiedToThisJvm && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                // Its own session: the broker outlives the launcher and ignores the terminal's signals.
                command.add("/usr/bin/setsid");
            }
            command.add(javaExecutable());
            command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dlog4j2.configurationFile=classpath:io/canopy/localstack/kafka/log4j2.properties",
                    "-Dcanopy.component=kafka",
                    "-cp", brokerClasspath(), MAIN_CLASS, config.toString(), logDir.toString()));
            if (tiedToThisJvm) {
                command.add(Long.toString(ProcessHandle.current().pid()));
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            KafkaBroker broker = new KafkaBroker(process, clientPort, dataDir);
            broker.awaitStarted(output, outputStart, timeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka in " + dataDir, e);
        }
    }

    private static void writeConfig(Path file, Path logDir, int clientPort, int controllerPort, int partitions)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "written by Canopy local-stack");
        }
    }

    private void awaitStarted(Path output, long outputStart, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with code " + process.exitValue()
                        + " during start; last lines of " + output + ":\n" + tail(output));
            }
            if (Ports.isListening(port) && logContains(output, outputStart, STARTED_LINE)) {
                return;
            }
            Ports.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka did not start within " + timeout + "; last lines of "
                + output + ":\n" + tail(output));
    }

    /** Whether the text appears in what was written to the file after {@code from} (this start's output). */
    private static boolean logContains(Path file, long from, String text) {
        try {
            if (!Files.exists(file)) {
                return false;
            }
            byte[] all = Files.readAllBytes(file);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** The broker's jars (resolved at build time) plus the jar that holds KafkaBrokerMain. */
    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build local-stack-kafka-broker first");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            var location = KafkaBroker.class.getClassLoader()
                    .getResource(CLASSPATH_RESOURCE.substring(1));
            String own = ownLocation(location);
            return own + java.io.File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar or classes directory that contains the given resource. */
    private static String ownLocation(java.net.URL resource) {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                String jar = url.substring("jar:".length(), url.indexOf("!/"));
                return Path.of(new java.net.URI(jar)).toString();
            }
            Path file = Path.of(resource.toURI());
            // .../classes/io/canopy/localstack/kafka/kafka-classpath.txt -> .../classes
            return file.getParent().getParent().getParent().getParent().getParent().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the broker jar from " + resource, e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the broker (orderly first, then forcibly) and waits until its port is closed. */
    @Override
    public void close() {
        LocalProcesses.stop(process.toHandle(), Duration.ofSeconds(20));
        Ports.awaitClosed(port, Duration.ofSeconds(10));
    }
}
