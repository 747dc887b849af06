package io.canopy.localstack;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One Kafka broker and one PostgreSQL per JVM, started on first use and stopped when the JVM
 * exits. Every test class of a module shares them; each service gets its own database.
 *
 * <p>Which servers: {@code -Dcanopy.infra} (or {@code CANOPY_INFRA}) = {@code embedded} (default,
 * real servers from Maven artifacts) or {@code testcontainers} (needs a Docker engine).
 */
public final class LocalStack {

    public static final String INFRA_PROPERTY = "canopy.infra";

    private static Infrastructure shared;

    private LocalStack() {
    }

    public static Infrastructure shared() {
        // System.getProperties() is one object per JVM, unlike this class's monitor, which each
        // Quarkus test class loader has its own copy of.
        synchronized (System.getProperties()) {
            if (shared == null) {
                shared = AttachedInfrastructure.attachIfPublished();
            }
            if (shared == null) {
                long started = System.nanoTime();
                Infrastructure infrastructure = start(selectedInfra());
                Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "local-stack-stop"));
                System.out.printf("[local-stack] %s ready in %d ms%n", infrastructure.describe(),
                        (System.nanoTime() - started) / 1_000_000);
                AttachedInfrastructure.publish(infrastructure);
                shared = infrastructure;
            }
            return shared;
        }
    }

    static String selectedInfra() {
        String value = System.getProperty(INFRA_PROPERTY, System.getenv().getOrDefault("CANOPY_INFRA", "embedded"));
        return value.trim().toLowerCase(Locale.ROOT);
    }

    static Infrastructure start(String infra) {
        return switch (infra) {
            case "embedded" -> EmbeddedInfrastructure.start(workDir());
            case "testcontainers" -> TestcontainersInfrastructure.start();
            default -> throw new IllegalArgumentException(
                    INFRA_PROPERTY + " must be 'embedded' or 'testcontainers', not '" + infra + "'");
        };
    }

    /** Data under the module's target/ directory, one folder per JVM so parallel forks never collide. */
    static Path workDir() {
        String configured = System.getProperty("canopy.local-stack.dir");
        Path base = configured != null ? Path.of(configured) : Path.of("target", "local-stack");
        return base.resolve("jvm-" + ProcessHandle.current().pid()).toAbsolutePath();
    }
}
