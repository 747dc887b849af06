package io.canopy.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, for tests that read other modules' sources and config. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("canopy.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    static Path dockerCompose() {
        return root().resolve("docker-compose.yml");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
