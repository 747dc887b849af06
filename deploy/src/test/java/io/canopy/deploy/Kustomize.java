package io.canopy.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders a Kustomize directory with the real tool: {@code kubectl kustomize} (Kustomize is built
 * into kubectl) or a standalone {@code kustomize build}. A Java re-implementation of Kustomize
 * would test our imitation rather than what a cluster admin runs. When neither is on PATH the
 * rendering tests are skipped with instructions in the report (never silently passed); a build
 * that must render says {@code -Dcanopy.deploy.kubectl=required} and fails instead.
 */
final class Kustomize {

    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The objects the directory renders to, in output order (cached per directory). */
    static List<JsonNode> render(Path dir) {
        return RENDERED.computeIfAbsent(dir.toAbsolutePath().normalize(), d -> Manifests.parse(run(d)));
    }

    static List<JsonNode> overlay(String name) {
        return render(Repo.k8s().resolve("overlays").resolve(name));
    }

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static String run(Path dir) {
        List<String> command = tool()
                .map(t -> t.endsWith("kubectl") ? List.of(t, "kustomize", dir.toString()) : List.of(t, "build", dir.toString()))
                .orElseGet(() -> {
                    String message = "Neither kubectl nor kustomize is on PATH, so deploy/k8s cannot be rendered. Install "
                            + "kubectl (>= 1.27, Kustomize built in) or kustomize, or build with "
                            + "-Dcanopy.deploy.kubectl=optional to skip the rendering tests.";
                    if ("optional".equals(System.getProperty("canopy.deploy.kubectl"))) {
                        Assumptions.abort(message);
                    }
                    throw new AssertionError(message);
                });
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(err));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Optional<String> tool() {
        for (String name : List.of("kubectl", "kustomize")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
