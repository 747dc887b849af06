package io.canopy.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets a local Canopy needs, generated once per checkout under {@code .canopy/secrets}
 * (git-ignored) and reused across restarts, so sealed credentials and issued tokens stay valid:
 * the operator token, the service token registry presents to collector, the AES-256 sealing key
 * and the RSA key pair registry signs dealer JWTs with. In Kubernetes these come from Secrets.
 */
public final class LocalSecrets {

    private final Path dir;

    public LocalSecrets(Path dir) {
        this.dir = dir;
    }

    /** {@code CANOPY_ADMIN_TOKEN} when set, else the generated one. */
    public String adminToken(String fromEnv) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        return fileOr("admin-token", () -> hex(24));
    }

    public String serviceToken() {
        return fileOr("service-token", () -> hex(24));
    }

    /** Base64 of a 32-byte AES key, key id {@code k1}. */
    public String sealingKey() {
        return fileOr("sealing-key-k1", () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        });
    }

    /** Base64 of a 32-byte AES key that seals the dashboard's session cookies (not the credentials' key). */
    public String dashboardSessionKey() {
        return fileOr("dashboard-session-key", () -> {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        });
    }

    /** The public half of the JWT key pair (PEM file), generating the pair the first time. */
    public Path jwtPublicKey() {
        ensureJwtKeys();
        return dir.resolve("jwt-public.pem");
    }

    /** The private half (PKCS#8 PEM file): registry only. */
    public Path jwtPrivateKey() {
        ensureJwtKeys();
        return dir.resolve("jwt-private.pem");
    }

    private synchronized void ensureJwtKeys() {
        Path privateKey = dir.resolve("jwt-private.pem");
        Path publicKey = dir.resolve("jwt-public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            write(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Generator {
        String generate();
    }

    private synchronized String fileOr(String name, Generator generator) {
        Path file = dir.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dir);
            String value = generator.generate();
            write(file, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory is under the user's checkout anyway.
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----";
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
