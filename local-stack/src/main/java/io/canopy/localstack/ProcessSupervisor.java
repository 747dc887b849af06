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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The processes of one local stack: starts them detached (their own session, so they outlive the
 * launcher and the terminal), waits until each is ready, records each in a pid file under
 * {@code <state>/run} and stops exactly those processes again — by pid and start time, never by
 * name. Output goes to {@code <state>/logs/<name>.log}.
 */
public final class ProcessSupervisor {

    /** How a process shows it is ready; checked every few hundred milliseconds. */
    @FunctionalInterface
    public interface Readiness {
        boolean isReady();

        static Readiness listening(int port) {
            return () -> Ports.isListening(port);
        }

        /**
         * The log says {@code line} after this moment: a log kept across restarts still holds the
         * previous run's line, which must not count (a restarted PostgreSQL listens while it still
         * replays its WAL, and refuses queries until then).
         */
        static Readiness logSays(Path log, String line) {
            long before;
            try {
                before = Files.exists(log) ? Files.size(log) : 0;
            } catch (IOException e) {
                before = 0;
            }
            long from = before;
            return () -> {
                try {
                    if (!Files.exists(log)) {
                        return false;
                    }
                    byte[] bytes = Files.readAllBytes(log);
                    // a log truncated by the new start is read from its beginning
                    int start = bytes.length >= from ? (int) from : 0;
                    return new String(bytes, start, bytes.length - start, java.nio.charset.StandardCharsets.UTF_8)
                            .contains(line);
                } catch (IOException e) {
                    return false;
                }
            };
        }

        /** Quarkus readiness: {@code /q/health/ready} answers 200. */
        static Readiness healthReady(String url) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            return () -> isHealthReady(http, url);
        }

        default Readiness and(Readiness other) {
            return () -> isReady() && other.isReady();
        }
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final Path state;

    public ProcessSupervisor(Path state) {
        this.state = state.toAbsolutePath();
    }

    public Path log(String name) {
        return state.resolve("logs").resolve(name + ".log");
    }

    /**
     * Starts {@code command} detached with {@code extraEnv}, records its pid and waits until it is
     * ready; on failure or timeout the process is killed and the error quotes the end of its log.
     */
    public Process start(String name, List<String> command, Map<String, String> extraEnv, Readiness readiness,
            Duration timeout) {
        try {
            Files.createDirectories(state.resolve("run"));
            Files.createDirectories(state.resolve("logs"));
            Path log = log(name);
            List<String> full = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                full.add("/usr/bin/setsid");
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(extraEnv);
            Process process = builder.start();
            adopt(name, process.pid());
            awaitReady(name, process, readiness, timeout);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void awaitReady(String name, Process process, Readiness readiness, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!readiness.isReady()) {
            if (!process.isAlive()) {
                deletePid(name);
                throw new IllegalStateException(name + " exited; last lines of " + log(name) + ":\n"
                        + KafkaBroker.tail(log(name)));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                deletePid(name);
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see "
                        + log(name) + ":\n" + KafkaBroker.tail(log(name)));
            }
            Ports.sleep(POLL.toMillis());
        }
    }

    /** Records a process started elsewhere (the Kafka broker starts its own JVM). */
    public void adopt(String name, long pid) {
        long startMillis = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli)
                .orElse(0L);
        try {
            Files.createDirectories(state.resolve("run"));
            Files.writeString(pidFile(name), pid + " " + startMillis + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The process a pid file names, if it still runs. Pid file: "pid startMillis"; the start time
     * guards against a recycled pid.
     */
    public Optional<ProcessHandle> running(String name) {
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

    /** SIGTERM, a grace period, then SIGKILL. Empty when it was not running; else whether it is gone. */
    public Optional<Boolean> stop(String name, Duration grace) {
        Optional<ProcessHandle> process = running(name);
        Optional<Boolean> gone = process.map(p -> LocalProcesses.stop(p, grace));
        deletePid(name);
        return gone;
    }

    /** SIGKILL, no goodbye: what a crashed pod looks like. Returns false when it was not running. */
    public boolean kill(String name) {
        Optional<ProcessHandle> process = running(name);
        process.ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        deletePid(name);
        return process.isPresent();
    }

    /** Whether any process of this stack still runs. */
    public boolean anyRunning(List<String> names) {
        return names.stream().anyMatch(name -> running(name).isPresent());
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

    static boolean isHealthReady(HttpClient http, String url) {
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
}
