package io.canopy.localstack.kafka;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Entry point of the broker JVM that local-stack starts: formats the KRaft storage on first start,
 * then runs Apache Kafka's own {@code kafka.Kafka} main in this JVM.
 *
 * <p>Arguments: {@code <server.properties> <log.dir> [parentPid]}. When a parent pid is given the
 * broker exits as soon as that process is gone, so a test JVM that dies without running its
 * shutdown hooks (kill -9, a crashed fork) still leaves no broker behind.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: KafkaBrokerMain <server.properties> <log.dir> [parentPid]");
            System.exit(2);
        }
        String config = args[0];
        Path logDir = Path.of(args[1]);
        if (args.length > 2) {
            exitWhenParentExits(Long.parseLong(args[2]));
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        kafka.Kafka.main(new String[] { config });
    }

    /**
     * A cluster id: a base64url-encoded 16-byte UUID without padding (Kafka's Uuid format). One in
     * 64 of those starts with '-', which the storage tool's argument parser takes for an option
     * ("--cluster-id: expected one argument"), so such ids are drawn again.
     */
    public static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            byte[] bytes = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits())
                    .array();
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (id.charAt(0) != '-') {
                return id;
            }
        }
    }

    private static void format(String config) {
        String clusterId = clusterId();
        PrintStream out = System.out;
        int rc = kafka.tools.StorageTool.execute(
                new String[] { "format", "-t", clusterId, "-c", config, "--ignore-formatted" }, out);
        if (rc != 0) {
            System.err.println("kafka storage format failed with exit code " + rc);
            System.exit(rc);
        }
    }

    private static void exitWhenParentExits(long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.err.println("parent process " + parentPid + " is gone; stopping the broker");
                    Runtime.getRuntime().halt(0);
                }),
                () -> Runtime.getRuntime().halt(0));
    }
}
